// The ledger's running counter against the plain count it replaces, over random histories: admissions,
// commits, releases, renewals, late commits, pruning, limit changes and time jumps across the window.
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { users } from "../../db/schema.ts";
import { admitChat, renewChat, settleChat, type Admission } from "../../src/core/cap/cap.ts";
import { readCapState, settleSql } from "../../src/core/cap/ledger.ts";
import { HOUR, MINUTE } from "../../src/core/clock.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser } from "../support/users.ts";

type Op =
  | { op: "chat" }
  | { op: "settle"; pick: number; succeeded: boolean }
  | { op: "renew"; pick: number }
  | { op: "advance"; ms: number }
  | { op: "limit"; limit: number | null }
  | { op: "prune" };

const ops = fc.array(
  fc.oneof(
    { arbitrary: fc.constant<Op>({ op: "chat" }), weight: 5 },
    { arbitrary: fc.record({ op: fc.constant("settle" as const), pick: fc.nat(), succeeded: fc.boolean() }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant("renew" as const), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ op: fc.constant("advance" as const), ms: fc.oneof(fc.integer({ min: 0, max: 15 * MINUTE }), fc.integer({ min: 0, max: 30 * HOUR })) }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant("limit" as const), limit: fc.option(fc.integer({ min: 1, max: 6 })) }), weight: 1 },
    { arbitrary: fc.constant<Op>({ op: "prune" }), weight: 1 },
  ),
  { minLength: 10, maxLength: 60 },
);

describe("the ledger counter", () => {
  it("always equals the count of live events, and admission always agrees with that count", async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (history) => {
        const { deps, clock } = await testDeps();
        const user = await seedUser(deps, { dailyMessageLimit: 3 });
        let limit: number | null = 3;
        const inFlight: Admission[] = [];
        const liveCount = async () =>
          (await deps.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM message_events WHERE user_id = ${user.id} AND expires_at > ${clock.now()}`))[0]!.n;

        for (const step of history) {
          if (step.op === "chat") {
            const expectedAdmit = limit === null || (await liveCount()) < limit;
            const admission = await admitChat(deps, user.id);
            expect(admission.kind).toBe(limit === null ? "unlimited" : expectedAdmit ? "reserved" : "refused");
            if (admission.kind !== "refused") inFlight.push(admission);
          } else if (step.op === "settle" && inFlight.length) {
            const [admission] = inFlight.splice(step.pick % inFlight.length, 1);
            await settleChat(deps, admission!, step.succeeded);
          } else if (step.op === "renew" && inFlight.length) {
            await renewChat(deps, inFlight[step.pick % inFlight.length]!);
          } else if (step.op === "advance") {
            clock.advance(step.ms);
          } else if (step.op === "limit") {
            limit = step.limit;
            await deps.db.update(users).set({ dailyMessageLimit: limit }).where(eq(users.id, user.id));
          } else if (step.op === "prune") {
            await deps.db.run(settleSql.prune(user.id, clock.now(), 5));
          }
          expect((await readCapState(deps.db, user.id, clock.now()))!.used).toBe(await liveCount());
        }
      }),
      { numRuns: 40 },
    );
  });
});
