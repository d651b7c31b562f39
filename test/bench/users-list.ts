// Benchmark: users.list p50/p99 over 100,000 users, through a separate server process over real HTTP.
import { sql } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createSessions } from "../../src/auth/sessions.ts";
import { migrateDatabase, openDatabase } from "../../src/node/database.ts";
import { spawnServer } from "../support/processes.ts";

const USERS = 100_000;
const SAMPLES = 300;
const NAMES = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Noor", "Oskar", "Priya"];
const SURNAMES = ["Smith", "Okafor", "Garcia", "Novak", "Tanaka", "Haddad", "Kowalski", "Silva", "Müller", "Rossi", "Kim", "Dubois"];
const ROLES = ["default", "default", "default", "guest", "guest", "manager"];

export interface LatencyRow {
  name: string;
  p50Ms: number;
  p99Ms: number;
  rps?: number;
  note?: string;
}

export async function seedBenchUsers(file: string): Promise<string> {
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < USERS; from += 1000) {
    const rows = [];
    for (let i = from; i < Math.min(from + 1000, USERS); i++) {
      const name = `${NAMES[i % NAMES.length]} ${SURNAMES[(i * 7) % SURNAMES.length]}`;
      // Every 50 users share a createdAt, so the tie-breaker is exercised.
      rows.push(sql`(${crypto.randomUUID()}, ${`user${i}@example.com`}, ${name}, ${ROLES[i % ROLES.length]}, ${i % 97 === 0 ? "suspended" : "active"}, ${start + Math.floor(i / 50) * 60_000})`);
    }
    await database.db.run(sql`INSERT INTO users (id, email, display_name, role, status, created_at) VALUES ${sql.join(rows, sql`, `)}`);
  }
  const adminId = crypto.randomUUID();
  await database.db.run(sql`INSERT INTO users (id, email, role, status, created_at) VALUES (${adminId}, 'bench-admin@example.com', 'admin', 'active', ${Date.now()})`);
  const token = await createSessions(database.db, { secureCookies: false }).create(adminId);
  await database.client.execute("PRAGMA optimize");
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.close();
  return token;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(name: string, url: () => string, token: string, note?: string): Promise<LatencyRow> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url(), { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { name, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), note };
}

const query = (base: string, input: object) => `${base}/trpc/users.list?input=${encodeURIComponent(JSON.stringify(input))}`;

export async function benchUsersList(): Promise<LatencyRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-bench-"));
  const file = join(dir, "bench.db");
  const token = await seedBenchUsers(file);
  const server = await spawnServer(file, { NODE_ENV: "production" });
  try {
    // A cursor 90,000 rows deep, reached by walking pages as a client would.
    let cursor: string | undefined;
    for (let i = 0; i < 900; i++) {
      const page = (await (await fetch(query(server.url, { limit: 100, cursor }), { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        result: { data: { nextCursor: string } };
      };
      cursor = page.result.data.nextCursor;
    }
    const searches = ["okafor", "user4242", "fatima", "rossi"];
    // One and two characters scan (no trigram); "ü" and "Mü" also take the non-ASCII case forms.
    const shortSearches = ["ü", "Mü", "ka", "z"];
    let n = 0;
    return [
      await measure("users.list search (3+ chars, trigram index)", () => query(server.url, { search: searches[n++ % searches.length] }), token, "100k users"),
      await measure("users.list search (1–2 chars, scan)", () => query(server.url, { search: shortSearches[n++ % shortSearches.length] }), token, "100k users"),
      await measure("users.list filter role=guest", () => query(server.url, { role: "guest" }), token, "100k users"),
      await measure("users.list page 90,000 rows deep", () => query(server.url, { cursor }), token, "keyset cursor"),
      await measure("users.list sort by email, status=suspended", () => query(server.url, { sort: "email", order: "asc", status: "suspended" }), token),
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchUsersList());
}
