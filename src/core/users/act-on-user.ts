// The one path every operator action takes: decide by the policy table, then apply atomically.
import { and, eq, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { users, type UserRow } from "../../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { fail } from "../errors.ts";
import { refusal, removesActiveAdmin, UNLIMITED_ROLES, type Actor, type Role, type UserAction } from "../policy.ts";
import { applyGuarded } from "./guarded-change.ts";
import { otherActiveAdminExists, requireActorAndTarget } from "./queries.ts";

const REFUSAL_MESSAGES = {
  NOT_PERMITTED: "Your role may not manage users.",
  SELF_ACTION: "You cannot do this to your own account; ask another administrator.",
  TARGET_NOT_ALLOWED: "Your role may not act on this user's role.",
  ROLE_NOT_ALLOWED: "Your role may not grant this role.",
  INVALID_STATE: "This action does not apply to the account in its current status.",
} as const;

function refusalMessage(refused: keyof typeof REFUSAL_MESSAGES, action: UserAction, target: UserRow): string {
  if (refused === "INVALID_STATE" && action === "setMessageLimit" && UNLIMITED_ROLES.includes(target.role)) {
    return "Administrators are never limited; change the role first to set a limit.";
  }
  return REFUSAL_MESSAGES[refused];
}

/** The fields of a user row an action may set. */
export type UserChanges = Partial<Pick<UserRow, "role" | "status" | "dailyMessageLimit">>;

export interface UserActionRequest {
  actorId: string;
  targetId: string;
  action: UserAction;
  newRole?: Role;
  /** The fields the action sets. When none differs from the row, nothing is written (no audit entry). */
  changes?: (target: UserRow) => UserChanges;
  /** Further writes in the same batch: sessions ended, rows removed. */
  effects?: (target: UserRow, committed: SQL) => BatchItem<"sqlite">[];
}

/** Only the fields whose value differs from the row's. */
function differing(target: UserRow, changes: UserChanges): UserChanges {
  return Object.fromEntries(Object.entries(changes).filter(([key, value]) => target[key as keyof UserChanges] !== value));
}

/** Racing requests that change the facts make the guard fail; deciding again gives the right refusal. */
const ATTEMPTS = 3;

export async function actOnUser(deps: Deps, request: UserActionRequest): Promise<{ actor: Actor; target: UserRow; results: unknown[] }> {
  const { db, clock } = deps;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { actor, target } = await requireActorAndTarget(db, request.actorId, request.targetId);
    const refused = refusal(actor, target, request.action, request.newRole);
    if (refused) fail(refused, refusalMessage(refused, request.action, target));
    const changes = request.changes ? differing(target, request.changes(target)) : null;
    // Nothing to write means no audit entry and, for a role, no signed-out user.
    if (changes && Object.keys(changes).length === 0) return { actor, target, results: [] };
    const removesAdmin = removesActiveAdmin(target, request.action, request.newRole);
    if (removesAdmin && !(await otherActiveAdminExists(db, target.id))) {
      fail("LAST_ADMIN", "This is the only active administrator; make another user an administrator first.");
    }
    const results = await applyGuarded(
      db,
      clock.now(),
      {
        actor,
        target,
        action: request.action,
        detail: { ...identityOf(target), from: stateOf(target), ...(changes ? { to: changes } : {}) },
        removesActiveAdmin: removesAdmin,
      },
      (committed) => [
        ...(changes ? [db.update(users).set(changes).where(and(eq(users.id, target.id), committed))] : []),
        ...(request.effects?.(target, committed) ?? []),
      ],
    );
    if (results) return { actor, target, results };
  }
  return fail("INVALID_STATE", "The account kept changing while this was applied; reload and try again.");
}

const stateOf = ({ role, status, dailyMessageLimit }: UserRow): UserChanges => ({ role, status, dailyMessageLimit });

/** Kept in the audit entry so a deleted account is never recreated by SSO self-sign-up. */
const identityOf = (user: UserRow) => (user.ssoSubject ? { email: user.email, ssoSubject: user.ssoSubject } : { email: user.email });
