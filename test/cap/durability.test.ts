// Admin writes racing hundreds of chats through two processes on one file: no busy error surfaces, and
// every 2xx answer is a committed ledger row (STACK.md trap 1: a busy connection can lose later writes).
import { createTRPCClient, httpLink } from "@trpc/client";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.ts";
import type { Deps } from "../../src/core/deps.ts";
import { openDatabase } from "../../src/node/database.ts";
import type { AppRouter } from "../../src/trpc/router.ts";
import { freshDatabase } from "../support/database.ts";
import { MailBox, testConfig, TestLog } from "../support/deps.ts";
import { spawnServers } from "../support/processes.ts";
import { seedUser, tokenFor } from "../support/users.ts";
import { chat } from "./support.ts";

const adminClient = (url: string, token: string) =>
  createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { Authorization: `Bearer ${token}` } })] });

describe("durability under contention", () => {
  it("commits exactly one ledger row per 2xx chat while admins write, with no busy error", async () => {
    const database = await freshDatabase();
    const deps: Deps = { db: database.db, clock: systemClock, config: testConfig(), log: new TestLog(), mailer: new MailBox() };
    const servers = await spawnServers(2, database.file);
    try {
      const admin = await seedUser(deps, { role: "admin" });
      const adminToken = await tokenFor(deps, admin.id);
      const chatters = await Promise.all([50, 1000, null, 30].map((limit) => seedUser(deps, { dailyMessageLimit: limit })));
      const tokens = await Promise.all(chatters.map((u) => tokenFor(deps, u.id)));
      const victims = await Promise.all([1, 2, 3, 4].map(() => seedUser(deps, { role: "guest" })));

      const chats = Array.from({ length: 400 }, (_, i) => chat(servers[i % 2]!.url, tokens[i % tokens.length]!, { message: `m${i}` }));
      const writes = Array.from({ length: 48 }, async (_, i) => {
        const c = adminClient(servers[(i + 1) % 2]!.url, adminToken);
        const id = victims[i % victims.length]!.id;
        if (i % 3 === 0) return c.users.setRole.mutate({ id, role: i % 2 ? "default" : "guest" });
        return (i % 3 === 1 ? c.users.suspend : c.users.unsuspend).mutate({ id }).catch((e: { data?: { code?: string } }) => {
          // Suspending a suspended user (or the reverse) is a refusal, never an internal error.
          expect(e.data?.code).toBe("CONFLICT");
        });
      });
      const answers = await Promise.all(chats);
      await Promise.all(writes);

      const statuses = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
      expect(Object.keys(statuses).sort()).toEqual(["200", "429"]);
      expect(statuses[429]).toBe(400 / 4 - 50 + 400 / 4 - 30);

      const fresh = await openDatabase(`file:${database.file}`);
      try {
        const rows = await fresh.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM message_events WHERE state = 'committed'`);
        const caps = await fresh.db.all<{ n: number }>(sql`SELECT sum(live) AS n FROM message_caps`);
        expect(rows[0]!.n).toBe(statuses[200]);
        expect(caps[0]!.n).toBe(statuses[200]);
      } finally {
        fresh.close();
      }
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});
