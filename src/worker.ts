// Workers entry: `npm run dev:worker` and `npm run deploy`. Builds the same app as Node from bindings and vars.
import type { ExecutionContext } from "hono";
import { bootstrapAndAnnounce } from "./auth/first-admin.ts";
import { systemClock } from "./core/clock.ts";
import { ConfigError, loadConfig } from "./core/config.ts";
import type { Deps } from "./core/deps.ts";
import { createApp, type App } from "./http/app.ts";
import { openWorkerDatabase, type D1Binding } from "./workers/database.ts";
import { workerLog } from "./workers/log.ts";
import { workerMailer } from "./workers/mailer.ts";
import { panelFromAssets, type AssetsBinding } from "./workers/panel.ts";

/** Bindings from wrangler.toml; every other entry is a [vars] value or a `wrangler secret`. */
export interface WorkerEnv {
  DB?: D1Binding;
  ASSETS?: AssetsBinding;
  [name: string]: unknown;
}

interface Instance {
  app: App;
  deps: Deps;
  bootstrapped: Promise<void> | null;
}

// Per isolate: only the wiring is cached. Sessions, caps and throttles live in the database.
const instances = new WeakMap<object, Map<string, Instance>>();
const MAX_ORIGINS = 8;

function buildInstance(env: WorkerEnv, origin: string): Instance {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
  // Links in emails need the public origin; without PUBLIC_URL it is the origin this Worker was reached at.
  const config = loadConfig({ PUBLIC_URL: origin, ...vars });
  const db = openWorkerDatabase(vars.DATABASE_URL, config.databaseAuthToken, env.DB);
  const deps: Deps = { db, clock: systemClock, config, log: workerLog, mailer: workerMailer(config, workerLog) };
  return { app: createApp(deps, { panel: panelFromAssets(env.ASSETS) }), deps, bootstrapped: null };
}

function instanceFor(env: WorkerEnv, request: Request): Instance {
  const origin = typeof env.PUBLIC_URL === "string" && env.PUBLIC_URL ? "" : new URL(request.url).origin;
  let byOrigin = instances.get(env);
  if (!byOrigin) instances.set(env, (byOrigin = new Map()));
  let instance = byOrigin.get(origin);
  if (!instance) {
    if (byOrigin.size >= MAX_ORIGINS) byOrigin.clear(); // only a few hostnames route here; never grow without bound
    byOrigin.set(origin, (instance = buildInstance(env, origin || String(env.PUBLIC_URL))));
  }
  return instance;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let instance: Instance;
    try {
      instance = instanceFor(env, request);
    } catch (error) {
      workerLog.error(error instanceof ConfigError ? error.message : "Gatehouse could not start", error);
      const message = "Gatehouse is misconfigured; the Worker's logs name the setting.";
      return Response.json({ error: { code: "MISCONFIGURED", message } }, { status: 500 });
    }
    // On an empty database the first request creates the first admin and logs a sign-in link, as `npm start` does.
    instance.bootstrapped ??= bootstrapAndAnnounce(instance.deps).then(() => {}, (error: unknown) => {
      instance.bootstrapped = null; // e.g. migrations not applied yet: try again on the next request
      workerLog.error("Could not check for the first administrator (are the migrations applied?)", error);
    });
    await instance.bootstrapped;
    // Hono gets the execution context, so routes can finish work after answering (c.executionCtx.waitUntil).
    return instance.app.fetch(request, env, ctx);
  },
};
