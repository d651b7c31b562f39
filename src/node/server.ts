// Node-only: opens the database, applies migrations, creates the first admin, and serves the app.
import { serve, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { bootstrapAndAnnounce } from "../auth/first-admin.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import { DEFAULT_PORT, loadConfig } from "../core/config.ts";
import type { Deps, Log } from "../core/deps.ts";
import type { Mailer } from "../core/mail/mailer.ts";
import { createApp, type AppOptions } from "../http/app.ts";
import { openMigratedDatabase, type Database } from "./database.ts";
import { consoleLog } from "./log.ts";
import { mailerFor } from "./mailer.ts";
import { panelFromDisk } from "./panel.ts";

export class PortInUseError extends Error {
  override readonly name = "PortInUseError";
}

export interface RunningServer {
  url: string;
  deps: Deps;
  database: Database;
  stop(): Promise<void>;
}

export interface ServerOverrides {
  clock?: Clock;
  mailer?: Mailer;
  log?: Log;
  extend?: AppOptions["extend"];
}

export async function startServer(env: Record<string, string | undefined>, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const config = loadConfig(env);
  const log = overrides.log ?? consoleLog;
  const file = config.databaseUrl.match(/^file:(.+)$/)?.[1];
  if (file) mkdirSync(dirname(file), { recursive: true });
  const database = await openMigratedDatabase(config.databaseUrl, config.databaseAuthToken);

  // Listen first: with PORT=0 the real port is known only now, and links must carry it.
  let app: ReturnType<typeof createApp> | undefined;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: (request, env) => app!.fetch(request, env), port: config.port }, () => resolve(s));
    s.once("error", (error: NodeJS.ErrnoException) => {
      database.close();
      reject(error.code === "EADDRINUSE" ? new PortInUseError(`PORT ${config.port} is already in use: stop the other server or set PORT to a free port`) : error);
    });
  });
  const { port } = server.address() as AddressInfo;
  if (!env.PUBLIC_URL) config.publicUrl = `http://localhost:${port}`;

  const deps: Deps = { db: database.db, clock: overrides.clock ?? systemClock, config, log, mailer: overrides.mailer ?? mailerFor(config, log) };
  app = createApp(deps, { panel: panelFromDisk(), extend: overrides.extend });
  if (!(await bootstrapAndAnnounce(deps))) {
    log.info(`To sign in, get a one-time link: ${signinLinkCommand(env, port, config.adminEmail)}`);
  }
  return {
    url: `http://localhost:${port}`,
    deps,
    database,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          database.close();
          resolve();
        });
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** The CLI builds links from the same settings as the server, so the hint carries the ones that differ from the defaults. */
function signinLinkCommand(env: Record<string, string | undefined>, port: number, email: string): string {
  const quote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replaceAll("'", "'\\''")}'`);
  const settings = [
    env.DATABASE_URL ? `DATABASE_URL=${quote(env.DATABASE_URL)}` : null,
    env.PUBLIC_URL ? `PUBLIC_URL=${quote(env.PUBLIC_URL)}` : port !== DEFAULT_PORT ? `PORT=${port}` : null,
  ].filter((s) => s !== null);
  return [...settings, "npm run -s cli -- signin-link --email", quote(email)].join(" ");
}
