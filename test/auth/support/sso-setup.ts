// Gatehouse in sso mode wired to a real OpenID provider on 127.0.0.1, and a browser to walk the flow.
import { createServer } from "node:net";
import { expect } from "vitest";
import type { Clock } from "../../../src/core/clock.ts";
import { startTestServer, type TestServer } from "../../support/server.ts";
import { Browser, formOf } from "./browser.ts";
import { CLIENT_ID, CLIENT_SECRET, startOpenIdProvider, type OpenIdProvider } from "./openid-provider.ts";

/** The provider must know Gatehouse's redirect URI before either starts, so the port is chosen first. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface SsoSetup {
  server: TestServer;
  provider: OpenIdProvider;
  publicUrl: string;
  stop(): Promise<void>;
}

export async function startSsoSetup(options: { env?: Record<string, string>; clock?: Clock } = {}): Promise<SsoSetup> {
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const provider = await startOpenIdProvider(`${publicUrl}/auth/sso/callback`);
  const server = await startTestServer({
    clock: options.clock,
    env: {
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      AUTH_MODE: "sso",
      SSO_ISSUER: provider.issuer,
      SSO_CLIENT_ID: CLIENT_ID,
      SSO_CLIENT_SECRET: CLIENT_SECRET,
      ...options.env,
    },
  });
  return { server, provider, publicUrl, stop: async () => void (await Promise.all([server.stop(), provider.stop()])) };
}

/**
 * Walks the provider's login and consent screens as `login`, starting at its authorization URL, and
 * returns the URL the provider sends the browser back to (Gatehouse's callback), without opening it.
 */
export async function signInAtProvider(browser: Browser, authorizationUrl: string, login: string, publicUrl: string): Promise<string> {
  const back = (url: string) => url.startsWith(publicUrl);
  let { url, response } = await browser.follow(authorizationUrl, {}, back);
  for (let step = 0; step < 4 && !back(url); step++) {
    expect(response.status).toBe(200);
    const form = formOf(await response.text());
    const fields = form.fields.prompt === "login" ? { ...form.fields, login, password: "any" } : form.fields;
    ({ url, response } = await browser.follow(new URL(form.action, url).href, { method: "POST", body: new URLSearchParams(fields) }, back));
  }
  if (!back(url)) throw new Error(`the provider did not send the browser back; ended at ${url} (${response.status})`);
  return url;
}

/** Opens the emailed invitation, presses Continue, and returns the redirect to the provider. */
export async function continueInvitation(browser: Browser, invitationUrl: string): Promise<Response> {
  const landing = await browser.request(invitationUrl);
  expect(landing.status).toBe(200);
  const { action } = formOf(await landing.text());
  const origin = new URL(invitationUrl).origin;
  return browser.request(new URL(action, origin).href, { method: "POST", headers: { Origin: origin } });
}
