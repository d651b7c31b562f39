// Exactness under concurrency, through two server processes sharing one database file (a single
// process hides races: STACK.md trap 3). N racing chats with R slots left admit exactly R.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.ts";
import type { Deps } from "../../src/core/deps.ts";
import { freshDatabase } from "../support/database.ts";
import { MailBox, testConfig, TestLog } from "../support/deps.ts";
import { mutatedProject, spawnServers, type ServerProcess } from "../support/processes.ts";
import { seedUser, tokenFor } from "../support/users.ts";
import { chat, ledger } from "./support.ts";

/**
 * Slots left in each round. A count-then-insert admission over-admits in about one round in ten
 * here, so 90 rounds miss it with odds near 1 in 10,000 (the mutant test below checks exactly these).
 */
const SLOTS_LEFT = Array.from({ length: 9 }, () => [1, 2, 3, 5, 8, 10, 1, 4, 6, 2]).flat();

async function startPair(root?: string) {
  const database = await freshDatabase();
  const deps: Deps = { db: database.db, clock: systemClock, config: testConfig(), log: new TestLog(), mailer: new MailBox() };
  const servers = await spawnServers(2, database.file, {}, root);
  return { deps, servers };
}

/** Fires n chats at once, alternating between the servers; returns how many got 200. */
async function burst(servers: ServerProcess[], token: string, n: number): Promise<number> {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => chat(servers[i % servers.length]!.url, token)));
  const unexpected = answers.filter((a) => a.status !== 200 && a.status !== 429);
  expect(unexpected.map((a) => a.status)).toEqual([]);
  return answers.filter((a) => a.status === 200).length;
}

/** Commits `n` chats directly (as if sent a minute ago): they fill the window. */
async function fill(deps: Deps, userId: string, n: number) {
  const at = Date.now() - 60_000;
  for (let i = 0; i < n; i++) {
    await deps.db.run(sql`INSERT INTO message_events (user_id, at, expires_at, state) VALUES (${userId}, ${at}, ${at + 86_400_000}, 'committed')`);
  }
}

/** Plays rounds of 10×R racing chats with R slots left; returns the admitted counts. */
async function playRounds(deps: Deps, servers: ServerProcess[], slotsLeft: number[]) {
  const admitted: number[] = [];
  for (const r of slotsLeft) {
    const user = await seedUser(deps, { role: "default", dailyMessageLimit: 20 });
    await fill(deps, user.id, 20 - r);
    admitted.push(await burst(servers, await tokenFor(deps, user.id), 10 * r));
  }
  return admitted;
}

describe("admission across two processes", () => {
  let pair: Awaited<ReturnType<typeof startPair>>;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => Promise.all(pair.servers.map((s) => s.stop())));

  it("admits exactly R of 10×R racing chats, round after round", async () => {
    expect(await playRounds(pair.deps, pair.servers, SLOTS_LEFT)).toEqual(SLOTS_LEFT);
  });

  it("admits exactly one when one slot frees at a time", async () => {
    const { deps, servers } = pair;
    const user = await seedUser(deps, { role: "guest", dailyMessageLimit: 5 });
    const token = await tokenFor(deps, user.id);
    expect(await burst(servers, token, 30)).toBe(5);
    for (let round = 0; round < 8; round++) {
      // Free the oldest counted chat, as if it had left the window.
      await deps.db.run(sql`DELETE FROM message_events WHERE id = (SELECT min(id) FROM message_events WHERE user_id = ${user.id})`);
      expect(await burst(servers, token, 10)).toBe(1);
    }
    const rows = await ledger(deps.db, user.id, Date.now());
    expect(rows).toMatchObject({ live: 5, reserved: 0 });
  });
});

describe("the race test itself", () => {
  it("catches a count-then-insert admission", async () => {
    // Count first (the same counter, read alone), then insert without the condition: two statements
    // with nothing in between, the narrowest window a racy admission can have.
    const atomic = "      AND u.daily_message_limit IS NOT NULL\n      AND ${liveNow(sql`u.id`, now)} < u.daily_message_limit\n";
    const mutant = mutatedProject(
      "src/core/cap/ledger.ts",
      "  const [row] = await db.all<{ id: number }>(sql`\n    INSERT INTO message_events (user_id, at, expires_at, state)\n" +
        "    SELECT u.id, ${now}, ${now + RESERVATION_MS}, 'reserved' FROM users u\n" +
        "    WHERE u.id = ${userId} AND u.status = 'active' AND u.role NOT IN (${unlimitedRoles})\n" + atomic,
      "  const pre = await readCapState(db, userId, now);\n" +
        "  if (!pre || pre.limit === null || pre.used >= pre.limit) return null;\n" +
        "  const [row] = await db.all<{ id: number }>(sql`\n    INSERT INTO message_events (user_id, at, expires_at, state)\n" +
        "    SELECT ${userId}, ${now}, ${now + RESERVATION_MS}, 'reserved'\n",
    );
    const pair = await startPair(mutant.root);
    try {
      const admitted = await playRounds(pair.deps, pair.servers, SLOTS_LEFT);
      expect(admitted.some((n, i) => n > SLOTS_LEFT[i]!)).toBe(true);
    } finally {
      await Promise.all(pair.servers.map((s) => s.stop()));
      mutant.remove();
    }
  });
});
