// A Gatehouse server for the chat benchmark, in its own process: the real app plus the same chat
// handler mounted without the cap (a) and behind hono-rate-limiter's memory store (e).
import { rateLimiter } from "hono-rate-limiter";
import { DAY } from "../../src/core/clock.ts";
import type { AppEnv } from "../../src/http/env.ts";
import { chatHandler } from "../../src/http/routes/chat.ts";
import { startServer } from "../../src/node/server.ts";

const server = await startServer(process.env, {
  log: { info: () => {}, error: (m, e) => console.error(m, e) },
  extend: (app) => {
    // The server's own CPU time: a per-request cost that a busy shared machine disturbs far less than req/s.
    app.get("/api/bench/cpu", (c) => c.json(process.cpuUsage()));
    app.post("/api/bench/plain", chatHandler);
    app.post(
      "/api/bench/memory-limiter",
      rateLimiter<AppEnv>({ windowMs: DAY, limit: 1_000_000, standardHeaders: "draft-7", keyGenerator: (c) => c.var.auth!.user.id }),
      chatHandler,
    );
  },
});
// For comparison only: the same server with every commit fsynced (the default is NORMAL, see database.ts).
if (process.env.BENCH_SYNCHRONOUS === "FULL") await server.database.client.execute("PRAGMA synchronous = FULL");
console.log(`listening on ${server.url}`);
process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
