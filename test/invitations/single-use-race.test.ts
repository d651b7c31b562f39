// Single use under racing accepts from two server processes sharing one database file (STACK.md trap 3).
import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, invitations, sessions, users } from "../../db/schema.ts";
import type { Deps } from "../../src/core/deps.ts";
import { openDatabase } from "../../src/node/database.ts";
import { freshDatabaseFile } from "../support/database.ts";
import { TestClock } from "../support/deps.ts";
import { mutatedProject, spawnServers, type ServerProcess } from "../support/processes.ts";
import { seedUser } from "../support/users.ts";

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

const INVITEES = 12;
const ATTEMPTS_EACH = 4;

/** Two server processes built from `root` (the project, or a mutant) over one fresh database file. */
async function startPair(root?: string) {
  const file = freshDatabaseFile();
  const pair = await spawnServers(2, file, {}, root);
  running.push(...pair);
  await Promise.all(pair.map(async (p) => (await fetch(`${p.url}/healthz`)).body?.cancel())); // warm both up
  return { file, pair };
}

/** Seeds fresh invitees and fires every accept at once, alternating between the processes. */
async function raceAccepts({ file, pair }: Awaited<ReturnType<typeof startPair>>) {
  const database = await openDatabase(`file:${file}`);
  const deps = { db: database.db, clock: new TestClock(Date.now()) } as unknown as Deps;
  // seedUser stores the invitation token `seed-<id>` hashed, as inviteUser would.
  const invitees = await Promise.all(Array.from({ length: INVITEES }, () => seedUser(deps, { status: "pending", createdAt: Date.now() })));
  database.close();

  const attempts = invitees.flatMap((u) =>
    Array.from({ length: ATTEMPTS_EACH }, (_, i) =>
      fetch(`${pair[i % 2]!.url}/invite/seed-${u.id}/accept`, { method: "POST", redirect: "manual" }).then(async (r) => {
        await r.body?.cancel();
        return { userId: u.id, status: r.status, signedIn: r.headers.getSetCookie().some((c) => c.startsWith("gatehouse_session=")) };
      }),
    ),
  );
  return { invitees, results: await Promise.all(attempts) };
}

describe("an invitation under racing accepts", () => {
  it("activates once and opens exactly one session, whichever process each request reaches", async () => {
    const servers = await startPair();
    const { file } = servers;
    const { invitees, results } = await raceAccepts(servers);
    const check = await openDatabase(`file:${file}`);
    try {
      for (const u of invitees) {
        const mine = results.filter((r) => r.userId === u.id);
        expect(mine.filter((r) => r.status === 303 && r.signedIn)).toHaveLength(1);
        expect(mine.filter((r) => r.status === 400 && !r.signedIn)).toHaveLength(ATTEMPTS_EACH - 1);
      }
      const ids = invitees.map((u) => u.id);
      const statuses = (await check.db.select().from(users).where(inArray(users.id, ids)).all()).map((u) => u.status);
      expect(statuses).toEqual(ids.map(() => "active"));
      expect(await check.db.select().from(invitations).where(inArray(invitations.userId, ids)).all()).toEqual([]);
      expect(await check.db.select().from(sessions).where(inArray(sessions.userId, ids)).all()).toHaveLength(INVITEES);
      expect(await check.db.select().from(auditLog).where(eq(auditLog.action, "acceptInvitation")).all()).toHaveLength(INVITEES);
    } finally {
      check.close();
    }
  });

  it("catches, in the same single round, a build that ignores the guard's answer (the race is real, not serialized)", async () => {
    const mutant = mutatedProject("src/core/users/invitations.ts", "return accepted ? target.id : null;", "return target.id;");
    try {
      const servers = await startPair(mutant.root);
      // Measured here: the mutant signs 9 to 34 of the 36 extra attempts in, in every round.
      const { results } = await raceAccepts(servers);
      expect(results.filter((r) => r.signedIn).length, "the mutant should sign someone in twice").toBeGreaterThan(INVITEES);
    } finally {
      await Promise.all(running.splice(0).map((s) => s.stop()));
      mutant.remove();
    }
  });
});
