// The caller's own account: who they are, what they may do, and their profile.
import { and, eq, type SQL } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { fail } from "../errors.ts";
import { canListUsers, canReadAudit, grantableRoles, type Role } from "../policy.ts";
import type { UpdateProfileInput } from "../schemas.ts";
import { applyGuarded } from "./guarded-change.ts";
import { toPublicUser, type PublicUser } from "./public-user.ts";
import { requireUserWithStats } from "./queries.ts";

export interface Me extends PublicUser {
  can: { listUsers: boolean; invite: Role[]; readAudit: boolean };
}

export async function getMe(deps: Deps, userId: string): Promise<Me> {
  const row = await requireUserWithStats(deps.db, userId, deps.clock.now());
  const role = row.role;
  return {
    ...toPublicUser(row, { id: row.id, role }),
    can: { listUsers: canListUsers(role), invite: canListUsers(role) ? grantableRoles(role) : [], readAudit: canReadAudit(role) },
  };
}

export async function updateProfile(deps: Deps, userId: string, input: UpdateProfileInput): Promise<PublicUser> {
  const { db, clock } = deps;
  const changes: { displayName?: string | null; bio?: string | null } = {};
  if (input.displayName !== undefined) changes.displayName = input.displayName || null;
  if (input.bio !== undefined) changes.bio = input.bio || null;
  if (Object.keys(changes).length > 0) {
    const me = await requireUserWithStats(db, userId, clock.now());
    const written = await applyGuarded(
      db,
      clock.now(),
      {
        actor: { id: me.id, role: me.role },
        target: null,
        targetId: me.id,
        action: "updateProfile",
        detail: { from: { displayName: me.displayName, bio: me.bio }, to: changes },
      },
      (committed: SQL) => [db.update(users).set(changes).where(and(eq(users.id, userId), committed))],
    );
    if (!written) fail("UNAUTHENTICATED", "Your session has ended; sign in again.");
  }
  const row = await requireUserWithStats(db, userId, clock.now());
  return toPublicUser(row, { id: row.id, role: row.role });
}
