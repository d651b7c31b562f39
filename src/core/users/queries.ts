// Reading users: single rows for decisions, and rows with stats for answers.
import { and, eq, getTableColumns, inArray, ne } from "drizzle-orm";
import { invitations, users, type UserRow } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { fail } from "../errors.ts";
import { ADMIN_ROLE, type Actor } from "../policy.ts";
import { messagesLast24hSql } from "./message-stats.ts";
import type { UserWithStats } from "./public-user.ts";

export async function getUserRow(db: Db, id: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

export async function getUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.email, email)).get()) ?? null;
}

/** The actor (re-read, so a demoted or suspended caller is caught) and the target, in one query. */
export async function requireActorAndTarget(db: Db, actorId: string, targetId: string): Promise<{ actor: Actor; target: UserRow }> {
  const rows = await db.select().from(users).where(inArray(users.id, [actorId, targetId])).all();
  const actor = rows.find((r) => r.id === actorId);
  const target = rows.find((r) => r.id === targetId);
  if (!actor || actor.status !== "active") fail("UNAUTHENTICATED", "Your session has ended; sign in again.");
  if (!target) fail("NOT_FOUND", "No user has this id; it may have been deleted.");
  return { actor: { id: actor!.id, role: actor!.role }, target: target! };
}

export async function otherActiveAdminExists(db: Db, exceptId: string): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, ADMIN_ROLE), eq(users.status, "active"), ne(users.id, exceptId)))
    .limit(1)
    .get();
  return row !== undefined;
}

/** Columns for answers: the row, messages in the last 24 h, and the pending invitation's state. */
export function userWithStatsColumns(now: number) {
  return {
    ...getTableColumns(users),
    messagesLast24h: messagesLast24hSql(now),
    invitationExpiresAt: invitations.expiresAt,
    invitationSentAt: invitations.sentAt,
    invitationDeliveryError: invitations.deliveryError,
  };
}

type StatsRow = UserRow & {
  messagesLast24h: number;
  invitationExpiresAt: number | null;
  invitationSentAt: number | null;
  invitationDeliveryError: string | null;
};

export function withStats(row: StatsRow): UserWithStats {
  const { invitationExpiresAt, invitationSentAt, invitationDeliveryError, ...rest } = row;
  return {
    ...rest,
    invitation: invitationExpiresAt == null
      ? null
      : { expiresAt: invitationExpiresAt, sentAt: invitationSentAt, deliveryError: invitationDeliveryError },
  };
}

export async function requireUserWithStats(db: Db, id: string, now: number): Promise<UserWithStats> {
  const row = await db
    .select(userWithStatsColumns(now))
    .from(users)
    .leftJoin(invitations, eq(invitations.userId, users.id))
    .where(eq(users.id, id))
    .get();
  if (!row) fail("NOT_FOUND", "No user has this id; it may have been deleted.");
  return withStats(row as StatsRow);
}
