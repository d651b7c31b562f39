// A real Gatehouse server on a free port over a fresh database file, in this process.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Mailer } from "../../src/core/mail/mailer.ts";
import type { Clock } from "../../src/core/clock.ts";
import { startServer, type ServerOverrides } from "../../src/node/server.ts";
import type { AppRouter } from "../../src/trpc/router.ts";
import { freshDatabaseFile } from "./database.ts";
import { MailBox, TestLog } from "./deps.ts";
import { seedUser, tokenFor, type Seed } from "./users.ts";

export interface TestServerOptions {
  env?: Record<string, string>;
  clock?: Clock;
  mailer?: Mailer;
  extend?: ServerOverrides["extend"];
  /** Share an existing database file (e.g. with another server). */
  databaseFile?: string;
}

export async function startTestServer(options: TestServerOptions = {}) {
  const file = options.databaseFile ?? freshDatabaseFile();
  const mail = new MailBox();
  const log = new TestLog();
  const server = await startServer(
    { PORT: "0", DATABASE_URL: `file:${file}`, ...options.env },
    { clock: options.clock, mailer: options.mailer ?? mail, log, extend: options.extend },
  );
  const { deps } = server;
  return {
    ...server,
    file,
    mail,
    log,
    seedUser: (seed?: Seed) => seedUser(deps, seed),
    tokenFor: (userId: string) => tokenFor(deps, userId),
    /** A typed tRPC client authenticated with a bearer token. */
    client: (token: string) =>
      createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { Authorization: `Bearer ${token}` } })],
      }),
    /** Seeds a user and returns it with a bearer token and a client. */
    async actor(seed: Seed = {}) {
      const user = await seedUser(deps, seed);
      const token = await tokenFor(deps, user.id);
      return { ...user, token, client: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { Authorization: `Bearer ${token}` } })] }) };
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
