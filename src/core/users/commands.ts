// Operator actions on other users (CONTRACT §4): role, suspension, deletion, message limit.
import { and, eq, type SQL } from "drizzle-orm";
import { invitations, messageEvents, sessions, signinLinks, users } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { UNLIMITED_ROLES, type Role } from "../policy.ts";
import { actOnUser, type UserChanges } from "./act-on-user.ts";
import { toPublicUser, type PublicUser } from "./public-user.ts";
import { requireUserWithStats } from "./queries.ts";

/** Suspension, deletion and role changes end every session of the user in the same batch. */
const endSessions = (db: Db, userId: string, committed: SQL) => [
  db.delete(sessions).where(and(eq(sessions.userId, userId), committed)),
  db.delete(signinLinks).where(and(eq(signinLinks.userId, userId), committed)),
];

export async function setRole(deps: Deps, actorId: string, targetId: string, role: Role): Promise<PublicUser> {
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "setRole",
    newRole: role,
    changes: (target) => ({ role, ...limitOnRoleChange(deps.config, target.role, role) }),
    effects: (target, committed) => endSessions(deps.db, target.id, committed),
  });
  return answerAs(deps, actor, targetId);
}

/**
 * Admins are never limited, so they hold no limit; an admin moved to a limited role starts from that
 * role's configured default, as a new account of the role would.
 */
function limitOnRoleChange(config: Config, from: Role, to: Role): UserChanges {
  if (UNLIMITED_ROLES.includes(to)) return { dailyMessageLimit: null };
  if (UNLIMITED_ROLES.includes(from)) return { dailyMessageLimit: config.defaultDailyLimits[to] };
  return {};
}

export async function suspendUser(deps: Deps, actorId: string, targetId: string): Promise<PublicUser> {
  const { actor } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "suspend",
    changes: () => ({ status: "suspended" }),
    effects: (target, committed) => endSessions(deps.db, target.id, committed),
  });
  return answerAs(deps, actor, targetId);
}

export async function unsuspendUser(deps: Deps, actorId: string, targetId: string): Promise<PublicUser> {
  const { actor } = await actOnUser(deps, { actorId, targetId, action: "unsuspend", changes: () => ({ status: "active" }) });
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
  const { actor } = await actOnUser(deps, { actorId, targetId, action: "setMessageLimit", changes: () => ({ dailyMessageLimit: limit }) });
  return answerAs(deps, actor, targetId);
}

export async function answerAs(deps: Deps, viewer: { id: string; role: Role }, targetId: string): Promise<PublicUser> {
  return toPublicUser(await requireUserWithStats(deps.db, targetId, deps.clock.now()), viewer);
}
