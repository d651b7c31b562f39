// Workers suite helpers: seed users in the Worker's database through the core code, and talk to the Worker over HTTP.
import { SELF, env } from "cloudflare:test";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema.ts";
import { systemClock } from "../../src/core/clock.ts";
import type { Deps } from "../../src/core/deps.ts";
import type { AppRouter } from "../../src/trpc/router.ts";
import { openWorkerDatabase } from "../../src/workers/database.ts";
import { seedUser, tokenFor, type Seed } from "../support/users.ts";

export const ORIGIN = "https://gatehouse.test";

/** The same Drizzle handle the Worker builds from its bindings: remote libSQL when DATABASE_URL is set, else D1. */
export const db = openWorkerDatabase(env.DATABASE_URL, undefined, env.DB as never);
const seedDeps = { db, clock: systemClock } as Deps;

export const call = (path: string, init?: RequestInit) => SELF.fetch(`${ORIGIN}${path}`, init);

/** A typed tRPC client whose requests go into the Worker. */
export function clientFor(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${ORIGIN}/trpc`,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        fetch: (url, init) => SELF.fetch(url, init as RequestInit),
      }),
    ],
  });
}

/** A seeded user with a bearer token made by the real session module, and a client using it. */
export async function actor(seed: Seed = {}) {
  const user = await seedUser(seedDeps, seed);
  const token = await tokenFor(seedDeps, user.id);
  return { ...user, token, client: clientFor(token) };
}

export const seed = (s: Seed = {}) => seedUser(seedDeps, s);

export async function userRow(id: string) {
  return (await db.select().from(users).where(eq(users.id, id)))[0] ?? null;
}

export { refusal } from "./refusal.ts";
