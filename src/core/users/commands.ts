// Operator actions on other users (CONTRACT §4): role, suspension, deletion, message limit.
import { and, eq, type SQL } from "drizzle-orm";
import { invitations, messageEvents, sessions, signinLinks, users } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import type { Deps } from "../deps.ts";
import type { Role } from "../policy.ts";
import { actOnUser } from "./act-on-user.ts";
import { toPublicUser, type PublicUser } from "./public-user.ts";
import { requireUserWithStats } from "./queries.ts";

/** Suspension, deletion and role changes end every session of the user in the same batch. */
const endSessions = (db: Db, userId: string, committed: SQL) => [
  db.delete(sessions).where(and(eq(sessions.userId, userId), committed)),
  db.delete(signinLinks).where(and(eq(signinLinks.userId, userId), committed)),
];

export async function setRole(deps: Deps, actorId: string, targetId: string, role: Role): Promise<PublicUser> {
  const { db } = deps;
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "setRole",
    newRole: role,
    unchanged: (target) => target.role === role,
    effects: (target, committed) => [
      db.update(users).set({ role }).where(and(eq(users.id, target.id), committed)),
      ...endSessions(db, target.id, committed),
    ],
    detail: { role },
  });
  return answerAs(deps, actor, targetId);
}

export async function suspendUser(deps: Deps, actorId: string, targetId: string): Promise<PublicUser> {
  const { db } = deps;
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "suspend",
    effects: (target, committed) => [
      db.update(users).set({ status: "suspended" }).where(and(eq(users.id, target.id), committed)),
      ...endSessions(db, target.id, committed),
    ],
  });
  return answerAs(deps, actor, targetId);
}

export async function unsuspendUser(deps: Deps, actorId: string, targetId: string): Promise<PublicUser> {
  const { db } = deps;
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "unsuspend",
    effects: (target, committed) => [db.update(users).set({ status: "active" }).where(and(eq(users.id, target.id), committed))],
  });
  return answerAs(deps, actor, targetId);
}

export async function deleteUser(deps: Deps, actorId: string, targetId: string): Promise<{ ok: true }> {
  const { db } = deps;
  await actOnUser(deps, {
    actorId,
    targetId,
    action: "delete",
    effects: (target, committed) => [
      ...endSessions(db, target.id, committed),
      db.delete(invitations).where(and(eq(invitations.userId, target.id), committed)),
      db.delete(messageEvents).where(and(eq(messageEvents.userId, target.id), committed)),
      db.delete(users).where(and(eq(users.id, target.id), committed)),
    ],
  });
  return { ok: true };
}

export async function setMessageLimit(deps: Deps, actorId: string, targetId: string, limit: number | null): Promise<PublicUser> {
  const { db } = deps;
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "setMessageLimit",
    detail: { limit },
    unchanged: (target) => target.dailyMessageLimit === limit,
    effects: (target, committed) => [
      db.update(users).set({ dailyMessageLimit: limit }).where(and(eq(users.id, target.id), committed)),
    ],
  });
  return answerAs(deps, actor, targetId);
}

export async function answerAs(deps: Deps, viewer: { id: string; role: Role }, targetId: string): Promise<PublicUser> {
  return toPublicUser(await requireUserWithStats(deps.db, targetId, deps.clock.now()), viewer);
}
