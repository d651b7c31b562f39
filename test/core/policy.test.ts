// CONTRACT §5 as one table: every actor role × target (each role and status, and self) × action.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Deps } from "../../src/core/deps.ts";
import { callerFor, outcome } from "../support/caller.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser } from "../support/users.ts";

type Role = "admin" | "manager" | "default" | "guest";
type Status = "active" | "suspended" | "pending";
const ROLES: Role[] = ["admin", "manager", "default", "guest"];
const STATUSES: Status[] = ["active", "suspended", "pending"];
const ACTIONS = [
  "setRole:admin", "setRole:manager", "setRole:default", "setRole:guest",
  "suspend", "unsuspend", "delete", "setMessageLimit", "resendInvite", "revokeInvite",
] as const;
type Action = (typeof ACTIONS)[number];

// The expected answer, written from the contract's words rather than from src/core/policy.ts.
const MAY_ACT_ON: Record<Role, Role[]> = { admin: ROLES, manager: ["default", "guest"], default: [], guest: [] };
const VALID_FROM: Record<string, Status[]> = {
  setRole: ["active", "suspended"], suspend: ["active"], unsuspend: ["suspended"], delete: ["active", "suspended"],
  setMessageLimit: ["active", "suspended"], resendInvite: ["pending"], revokeInvite: ["pending"],
};

function expected(actor: Role, target: { role: Role; status: Status } | "self", action: Action): string {
  if (MAY_ACT_ON[actor].length === 0) return "FORBIDDEN:NOT_PERMITTED";
  if (target === "self") return "FORBIDDEN:SELF_ACTION";
  if (!MAY_ACT_ON[actor].includes(target.role)) return "FORBIDDEN:TARGET_NOT_ALLOWED";
  const [verb, newRole] = action.split(":") as [string, Role | undefined];
  if (newRole && !MAY_ACT_ON[actor].includes(newRole)) return "FORBIDDEN:ROLE_NOT_ALLOWED";
  if (!VALID_FROM[verb]!.includes(target.status)) return "CONFLICT:INVALID_STATE";
  if (verb === "setMessageLimit" && target.role === "admin") return "CONFLICT:INVALID_STATE";
  return "ok";
}

function call(caller: Awaited<ReturnType<typeof callerFor>>, action: Action, id: string) {
  const [verb, role] = action.split(":") as [string, Role | undefined];
  switch (verb) {
    case "setRole": return caller.users.setRole({ id, role: role! });
    case "setMessageLimit": return caller.users.setMessageLimit({ id, limit: 50 });
    case "suspend": return caller.users.suspend({ id });
    case "unsuspend": return caller.users.unsuspend({ id });
    case "delete": return caller.users.delete({ id });
    case "resendInvite": return caller.users.resendInvite({ id });
    default: return caller.users.revokeInvite({ id });
  }
}

/** Everything a refusal must leave untouched. */
async function snapshot(deps: Deps) {
  const users = await deps.db.all(sql`SELECT id, role, status, daily_message_limit FROM users ORDER BY id`);
  const audit = await deps.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`);
  const invitations = await deps.db.all(sql`SELECT user_id, token_hash FROM invitations ORDER BY user_id`);
  const sessions = await deps.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM sessions`);
  return { users, audit, invitations, sessions };
}

let deps: Deps;
beforeAll(async () => {
  ({ deps } = await testDeps());
  // Two spare admins keep the last-admin rule out of this table; it has its own tests.
  await seedUser(deps, { role: "admin" });
  await seedUser(deps, { role: "admin" });
});

const cases = ROLES.flatMap((actor) =>
  [...ROLES.flatMap((role) => STATUSES.map((status) => ({ role, status }))), "self" as const].flatMap((target) =>
    ACTIONS.map((action) => ({ actor, target, action, want: expected(actor, target, action) })),
  ),
);

describe("the roles policy", () => {
  it.each(cases)("$actor → $target.role $target.status $target: $action = $want", async ({ actor, target, action, want }) => {
    const me = await seedUser(deps, { role: actor });
    const subject = target === "self" ? me : await seedUser(deps, target);
    const caller = await callerFor(deps, me.id);
    const before = await snapshot(deps);
    const got = await outcome(call(caller, action, subject.id));
    expect(got).toBe(want);
    if (want !== "ok") expect(await snapshot(deps)).toEqual(before);
  });

  it("lists each row's allowed actions exactly as the table above", async () => {
    for (const actor of ROLES.filter((r) => MAY_ACT_ON[r].length > 0)) {
      const me = await seedUser(deps, { role: actor });
      const caller = await callerFor(deps, me.id);
      for (const role of ROLES) {
        for (const status of STATUSES) {
          const target = await seedUser(deps, { role, status });
          const row = await caller.users.get({ id: target.id });
          const allowed = ACTIONS.filter((a) => expected(actor, { role, status }, a) === "ok");
          const verbs = [...new Set(allowed.map((a) => a.split(":")[0]))];
          expect(row.actions.sort()).toEqual(verbs.sort());
        }
      }
      expect((await caller.users.get({ id: me.id })).actions).toEqual([]);
    }
  });

  it("refuses users.list, get and invite to default and guest users", async () => {
    for (const role of ["default", "guest"] as const) {
      const me = await seedUser(deps, { role });
      const caller = await callerFor(deps, me.id);
      expect(await outcome(caller.users.list({}))).toBe("FORBIDDEN:NOT_PERMITTED");
      expect(await outcome(caller.users.get({ id: me.id }))).toBe("FORBIDDEN:NOT_PERMITTED");
      expect(await outcome(caller.users.invite({ email: `x-${me.id}@example.com`, role: "guest" }))).toBe("FORBIDDEN:NOT_PERMITTED");
      expect(await outcome(caller.audit.list({}))).toBe("FORBIDDEN:NOT_PERMITTED");
    }
  });

  it("lets managers invite only default and guest users, and admins any role", async () => {
    const manager = await callerFor(deps, (await seedUser(deps, { role: "manager" })).id);
    const admin = await callerFor(deps, (await seedUser(deps, { role: "admin" })).id);
    for (const role of ROLES) {
      const want = role === "default" || role === "guest" ? "ok" : "FORBIDDEN:ROLE_NOT_ALLOWED";
      expect(await outcome(manager.users.invite({ email: `m-${role}@example.com`, role }))).toBe(want);
      expect(await outcome(admin.users.invite({ email: `a-${role}@example.com`, role }))).toBe("ok");
    }
    expect((await manager.me.get()).can).toEqual({ listUsers: true, invite: ["default", "guest"], readAudit: false });
    expect((await admin.me.get()).can).toEqual({ listUsers: true, invite: ROLES, readAudit: true });
  });
});
