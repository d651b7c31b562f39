// The Workers suite's helpers, on Node: the same HTTP test cases run against `src/node/server.ts` over an
// embedded libSQL file, so both runtimes are held to one set of behaviours. Mirrors ../support.ts.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { eq } from "drizzle-orm";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { users } from "../../../db/schema.ts";
import type { AppRouter } from "../../../src/trpc/router.ts";
import { startTestServer } from "../../support/server.ts";
import { seedUser, tokenFor, type Seed } from "../../support/users.ts";

export const ORIGIN = "https://gatehouse.test";

// One server per test file, like one Worker per file; its own copy of the migrated template.
const dir = mkdtempSync(join(tmpdir(), "gatehouse-same-cases-"));
copyFileSync(inject("templateDb"), join(dir, "test.db"));
const server = await startTestServer({ databaseFile: join(dir, "test.db"), env: { PUBLIC_URL: ORIGIN, NODE_ENV: "production" } });
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

export const db = server.deps.db;

export const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

export function clientFor(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${server.url}/trpc`, headers: token ? { Authorization: `Bearer ${token}` } : {} })],
  });
}

export async function actor(seed: Seed = {}) {
  const user = await seedUser(server.deps, seed);
  const token = await tokenFor(server.deps, user.id);
  return { ...user, token, client: clientFor(token) };
}

export const seed = (s: Seed = {}) => seedUser(server.deps, s);

export async function userRow(id: string) {
  return (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;
}

export { refusal } from "../refusal.ts";
