// A real OpenID provider (oidc-provider with its development login screens) on 127.0.0.1, for one test.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface ProviderAccount {
  email: string;
  email_verified?: boolean;
  /** Microsoft Entra ID's "email domain owner verified" optional claim. */
  xms_edov?: boolean;
  preferred_username?: string;
  name?: string;
}

export const CLIENT_ID = "gatehouse-test";
export const CLIENT_SECRET = "gatehouse-test-secret";

/**
 * Accounts are keyed by login name, which is also their subject; tests may change them at any time.
 * `fallback` answers for logins not in `accounts` (the manual runner accepts any email).
 */
export async function startOpenIdProvider(redirectUri: string, fallback?: (login: string) => ProviderAccount | undefined) {
  const accounts = new Map<string, ProviderAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Its start-up warnings are about development-only defaults, which are exactly what a test wants.
  const warn = console.warn;
  console.warn = () => {};
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified", "xms_edov"], profile: ["preferred_username", "name"] },
    cookies: { keys: ["test-only-cookie-key"] },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id) ?? fallback?.(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...(accounts.get(id) ?? account) }) };
    },
  });
  console.warn = warn;
  server.on("request", provider.callback());
  return {
    issuer,
    accounts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OpenIdProvider = Awaited<ReturnType<typeof startOpenIdProvider>>;
