// Benchmark: POST /api/chat through the message cap vs without it vs hono-rate-limiter's memory store,
// against a server in its own process over real HTTP (WAL + synchronous=NORMAL, as `npm start` runs).
import { sql } from "drizzle-orm";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createSessions } from "../../src/auth/sessions.ts";
import { DAY } from "../../src/core/clock.ts";
import { migrateDatabase, openDatabase } from "../../src/node/database.ts";
import type { BenchRow } from "./table.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CONCURRENCY = 16;
const ROUNDS = 8;
const ROUND_MS = 1000;
const WINDOW_ROWS = 100_000;

interface Scenario {
  key: string;
  name: string;
  path: string;
  limit: number | null;
  prefill?: number;
  /** Served by a second process whose connection runs synchronous=FULL instead of NORMAL. */
  fullSync?: boolean;
  token?: string;
}

const SCENARIOS: Scenario[] = [
  { key: "a", name: "(a) chat without the cap", path: "/api/bench/plain", limit: null },
  { key: "b", name: "(b) cap, unlimited user (recording only)", path: "/api/chat", limit: null },
  { key: "c", name: "(c) cap, limited user, empty window", path: "/api/chat", limit: 1_000_000 },
  { key: "d", name: "(d) cap, limited, 100k chats in window", path: "/api/chat", limit: 1_000_000, prefill: WINDOW_ROWS },
  { key: "e", name: "(e) hono-rate-limiter, memory store", path: "/api/bench/memory-limiter", limit: null },
  { key: "f", name: "(f) = (c) with synchronous=FULL", path: "/api/chat", limit: 1_000_000, fullSync: true },
];

async function seed(file: string) {
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const sessions = createSessions(database.db, { secureCookies: false });
  const now = Date.now();
  for (const s of SCENARIOS) {
    const id = crypto.randomUUID();
    await database.db.run(sql`INSERT INTO users (id, email, role, status, daily_message_limit, created_at)
      VALUES (${id}, ${`bench-${s.key}@example.com`}, 'default', 'active', ${s.limit}, ${now})`);
    s.token = await sessions.create(id);
    // Chats spread over the last 24 hours: the oldest leave the window while the benchmark runs.
    for (let from = 0; from < (s.prefill ?? 0); from += 500) {
      const rows = Array.from({ length: 500 }, (_, i) => {
        const at = now - DAY + 60_000 + Math.floor(((from + i) / WINDOW_ROWS) * (DAY - 120_000));
        return sql`(${id}, ${at}, ${at + DAY}, 'committed')`;
      });
      await database.db.run(sql`INSERT INTO message_events (user_id, at, expires_at, state) VALUES ${sql.join(rows, sql`, `)}`);
    }
  }
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
}

function startBenchServer(file: string, env: Record<string, string> = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/bench/chat-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", DATABASE_URL: `file:${file}`, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolveStart, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (http:\/\/localhost:\d+)/)?.[1];
      if (url) resolveStart({ url, stop: () => new Promise((done) => (child.once("exit", () => done()), child.kill("SIGTERM"))) });
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}: ${output}`)));
  });
}

/** A closed loop of CONCURRENCY clients for `ms`; every answer must be 200. */
async function load(url: string, token: string, ms: number, latencies: number[]): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  const body = JSON.stringify({ message: "How many messages have I left today?" });
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const res = await fetch(url, { method: "POST", headers, body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
        latencies.push(performance.now() - started);
        done++;
      }
    }),
  );
  return done / (ms / 1000);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchChat(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-chat-"));
  const file = join(dir, "bench.db");
  await seed(file);
  const normal = await startBenchServer(file);
  const full = await startBenchServer(file, { BENCH_SYNCHRONOUS: "FULL" });
  const urlOf = (s: Scenario) => (s.fullSync ? full.url : normal.url);
  try {
    const results = new Map(SCENARIOS.map((s) => [s.key, { rps: [] as number[], cpu: [] as number[], latencies: [] as number[] }]));
    const cpu = async (s: Scenario) => {
      const res = await fetch(`${urlOf(s)}/api/bench/cpu`, { headers: { Authorization: `Bearer ${SCENARIOS[0]!.token}` } });
      const { user, system } = (await res.json()) as { user: number; system: number };
      return user + system;
    };
    for (const s of SCENARIOS) await load(`${urlOf(s)}${s.path}`, s.token!, 500, []); // warm-up
    // Rounds alternate the scenarios, so a noisy neighbour on the machine hits all of them alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of SCENARIOS) {
        const r = results.get(s.key)!;
        const cpuBefore = await cpu(s);
        const before = r.latencies.length;
        r.rps.push(await load(`${urlOf(s)}${s.path}`, s.token!, ROUND_MS, r.latencies));
        r.cpu.push((await cpu(s) - cpuBefore) / (r.latencies.length - before));
      }
    }
    const rps = (key: string) => median(results.get(key)!.rps);
    const cpuPerRequest = (key: string) => median(results.get(key)!.cpu);
    const ratio = (key: string, vs: string) =>
      `${(rps(key) / rps(vs)).toFixed(2)}× (${vs}) [cpu ${(cpuPerRequest(vs) / cpuPerRequest(key)).toFixed(2)}×]`;
    const ratios: Record<string, string> = {
      a: "1.00× (a) [cpu 1.00×]",
      b: ratio("b", "a"),
      c: `${ratio("c", "a")}, ${ratio("c", "b")}`,
      d: ratio("d", "c"),
      e: ratio("e", "a"),
      f: ratio("f", "c"),
    };
    return SCENARIOS.map((s) => {
      const sorted = results.get(s.key)!.latencies.sort((x, y) => x - y);
      const round2 = (n: number) => Math.round(n * 100) / 100;
      return { name: s.name, rps: Math.round(rps(s.key)), p50Ms: round2(percentile(sorted, 50)), p99Ms: round2(percentile(sorted, 99)), ratio: ratios[s.key], note: `c=${CONCURRENCY}, server CPU ${Math.round(cpuPerRequest(s.key))} µs/req` };
    });
  } finally {
    await Promise.all([normal.stop(), full.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
