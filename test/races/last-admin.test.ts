// Two admins acting on each other at once, through two server processes sharing one database file:
// however the requests interleave, at least one active admin remains (CONTRACT §5).
import { createTRPCClient, httpLink } from "@trpc/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/core/deps.ts";
import type { AppRouter } from "../../src/trpc/router.ts";
import { freshDatabase } from "../support/database.ts";
import { testConfig, TestLog, MailBox } from "../support/deps.ts";
import { mutatedProject, spawnServers, type ServerProcess } from "../support/processes.ts";
import { seedUser, tokenFor } from "../support/users.ts";
import { systemClock } from "../../src/core/clock.ts";

type Move = "demote" | "suspend" | "delete";
const MOVES: [Move, Move][] = [["demote", "demote"], ["suspend", "suspend"], ["delete", "delete"], ["demote", "suspend"], ["suspend", "delete"], ["delete", "demote"]];
/** A guard-less build loses its last admin in about one round in eight here; 80 rounds miss it with odds near 1 in 25,000. */
const ROUNDS = 80;

function client(url: string, token: string) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { Authorization: `Bearer ${token}` } })] });
}

function act(c: ReturnType<typeof client>, move: Move, id: string): Promise<unknown> {
  if (move === "demote") return c.users.setRole.mutate({ id, role: "default" });
  if (move === "suspend") return c.users.suspend.mutate({ id });
  return c.users.delete.mutate({ id });
}

async function startPair(root?: string) {
  const database = await freshDatabase();
  const deps: Deps = { db: database.db, clock: systemClock, config: testConfig(), log: new TestLog(), mailer: new MailBox() };
  // One after the other: the first bootstraps the admin, so even a mutant starts cleanly.
  const servers = await spawnServers(2, database.file, {}, root);
  return { deps, servers };
}

/** Plays one round: exactly two active admins, each acting on the other through a different process. */
async function playRound(deps: Deps, servers: ServerProcess[], [moveA, moveB]: [Move, Move]) {
  await deps.db.run(sql`UPDATE users SET role = 'default' WHERE role = 'admin'`);
  const a = await seedUser(deps, { role: "admin" });
  const b = await seedUser(deps, { role: "admin" });
  const [tokenA, tokenB] = await Promise.all([tokenFor(deps, a.id), tokenFor(deps, b.id)]);
  const results = await Promise.allSettled([
    act(client(servers[0]!.url, tokenA), moveA, b.id),
    act(client(servers[1]!.url, tokenB), moveB, a.id),
  ]);
  const admins = await deps.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND status = 'active'`);
  return { activeAdmins: admins!.n, succeeded: results.filter((r) => r.status === "fulfilled").length };
}

describe("the last-admin guard across processes", () => {
  let pair: Awaited<ReturnType<typeof startPair>>;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => Promise.all(pair?.servers.map((s) => s.stop()) ?? []));

  it("leaves an active admin in every round of mutual demotion, suspension and deletion", async () => {
    let bothSucceeded = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { activeAdmins, succeeded } = await playRound(pair.deps, pair.servers, MOVES[round % MOVES.length]!);
      expect(activeAdmins, `round ${round}`).toBeGreaterThanOrEqual(1);
      if (succeeded === 2) bothSucceeded++;
    }
    expect(bothSucceeded).toBe(0);
  });
});

describe("the race test itself", () => {
  it("catches, in the same number of rounds, a build whose guard only checks before writing", async () => {
    // The mutant keeps the in-code check but drops the facts from the guarded write.
    const mutant = mutatedProject("src/core/users/guarded-change.ts", "...decisionStillHolds(decision), ", "");
    const pair = await startPair(mutant.root);
    try {
      let caught = false;
      for (let round = 0; round < ROUNDS && !caught; round++) {
        const { activeAdmins } = await playRound(pair.deps, pair.servers, MOVES[round % MOVES.length]!);
        caught = activeAdmins === 0;
      }
      expect(caught).toBe(true);
    } finally {
      await Promise.all(pair.servers.map((s) => s.stop()));
      mutant.remove();
    }
  });
});
