// The shared test server (test/support/server.ts) plus what browser tests need: sign-in links and stored rows.
import type { UserRow } from "../../db/schema.ts";
import { createSigninLink } from "../../src/auth/signin-links.ts";
import type { Role } from "../../src/core/policy.ts";
import { getUserByEmail } from "../../src/core/users/queries.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import type { Seed } from "../support/users.ts";

export const ADMIN_EMAIL = "admin@example.com";

export interface PanelServer extends TestServer {
  /** A one-time sign-in URL for an existing account. */
  signinLink(email: string): Promise<string>;
  createUser(email: string, role: Role, displayName?: string): Promise<{ id: string; email: string }>;
  /** The account as stored now, or null: what tests assert against. */
  userByEmail(email: string): Promise<UserRow | null>;
}

/** Starts the real server; the first admin (ADMIN_EMAIL) is created at start-up, as on a fresh install. */
export async function startPanelServer(env: Record<string, string> = {}): Promise<PanelServer> {
  const server = await startTestServer({ env: { ADMIN_EMAIL, NODE_ENV: "test", ...env } });
  const { deps } = server;
  return {
    ...server,
    signinLink: async (email) => {
      const user = await getUserByEmail(deps.db, email);
      if (!user) throw new Error(`no account ${email}`);
      return createSigninLink(deps.db, deps.clock, server.url, user.id);
    },
    createUser: (email, role, displayName) => server.seedUser({ email, role, displayName } satisfies Seed),
    userByEmail: (email) => getUserByEmail(deps.db, email),
  };
}
