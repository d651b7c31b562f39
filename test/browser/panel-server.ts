// A real Gatehouse server for one test: fresh migrated libSQL file, the built panel, mail kept in memory.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import type { UserRow } from "../../db/schema.ts";
import { createSigninLink } from "../../src/auth/signin-links.ts";
import type { Role } from "../../src/core/policy.ts";
import { createActiveUser } from "../../src/core/users/accounts.ts";
import { getUserByEmail } from "../../src/core/users/queries.ts";
import { startServer, type RunningServer } from "../../src/node/server.ts";
import { MailBox, TestLog } from "../support/deps.ts";

export const ADMIN_EMAIL = "admin@example.com";

export interface PanelServer extends RunningServer {
  mail: MailBox;
  log: TestLog;
  /** A one-time sign-in URL for an existing account. */
  signinLink(email: string): Promise<string>;
  createUser(email: string, role: Role, displayName?: string): Promise<UserRow>;
  /** The account as stored now, or null: what tests assert against. */
  userByEmail(email: string): Promise<UserRow | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startPanelServer(env: Record<string, string> = {}): Promise<PanelServer> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-browser-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  const port = await freePort();
  const mail = new MailBox();
  const log = new TestLog();
  const server = await startServer(
    {
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      DATABASE_URL: `file:${file}`,
      ADMIN_EMAIL,
      NODE_ENV: "test",
      ...env,
    },
    { mailer: mail, log },
  );
  const { deps } = server;
  return {
    ...server,
    mail,
    log,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    signinLink: async (email) => {
      const user = await getUserByEmail(deps.db, email);
      if (!user) throw new Error(`no account ${email}`);
      return createSigninLink(deps.db, deps.clock, server.url, user.id);
    },
    createUser: (email, role, displayName) => createActiveUser(deps, { email, role, displayName }),
    userByEmail: (email) => getUserByEmail(deps.db, email),
  };
}
