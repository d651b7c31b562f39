// The message-cap ledger in SQL: one atomic admission statement, and the writes that settle it.
// message_caps.live is kept equal to the user's events with expires_at > swept_until by triggers
// (db/migrations/0004), so admission reads one counter row and subtracts only what expired since.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/types.ts";
import { DAY, MINUTE } from "../clock.ts";
import { UNLIMITED_ROLES, type Role, type Status } from "../policy.ts";

/** A slot reserved for a request that never finishes stops counting after this long. */
export const RESERVATION_MS = 10 * MINUTE;
export const WINDOW_MS = DAY;

/** An admitted request's reservation: what commit and release need. */
export interface Reservation {
  id: number;
  userId: string;
  at: number;
}

export interface CapState {
  role: Role;
  status: Status;
  /** null: unlimited (no limit set, or a role that is never limited). */
  limit: number | null;
  /** Live events now: committed chats in the window and reservations in flight. */
  used: number;
  /** When the oldest counted chat leaves the window; null when nothing counts. */
  resetAt: number | null;
}

const unlimitedRoles = sql.join(UNLIMITED_ROLES.map((r) => sql`${r}`), sql`, `);

/** live minus the events that expired since the last sweep: touches only those, never the window. */
const liveNow = (userColumn: SQL, now: number) => sql`coalesce((
  SELECT c.live - (
    SELECT count(*) FROM message_events e
    WHERE e.user_id = c.user_id AND e.state IN ('reserved', 'committed')
      AND e.expires_at > c.swept_until AND e.expires_at <= ${now})
  FROM message_caps c WHERE c.user_id = ${userColumn}), 0)`;

/**
 * Admission: reserves a slot only if the user is limited and has fewer than `limit` live events.
 * One statement, so it is atomic across processes and isolates sharing the database; the limit
 * is read inside it, so a changed limit applies to the very next request. Null: not admitted
 * (refused, or not a limited user: read the state to know which).
 */
export async function admit(db: Db, userId: string, now: number): Promise<Reservation | null> {
  const [row] = await db.all<{ id: number }>(sql`
    INSERT INTO message_events (user_id, at, expires_at, state)
    SELECT u.id, ${now}, ${now + RESERVATION_MS}, 'reserved' FROM users u
    WHERE u.id = ${userId} AND u.status = 'active' AND u.role NOT IN (${unlimitedRoles})
      AND u.daily_message_limit IS NOT NULL
      AND ${liveNow(sql`u.id`, now)} < u.daily_message_limit
    RETURNING id`);
  return row ? { id: Number(row.id), userId, at: now } : null;
}

interface StateRow {
  role: Role;
  status: Status;
  lim: number | null;
  used: number;
  committedUntil: number | null;
  reservedAt: number | null;
}

/** The user's cap as of `now`, in one read of index seeks; null when the user does not exist. */
export async function readCapState(db: Db, userId: string, now: number): Promise<CapState | null> {
  const [row] = await db.all<StateRow>(sql`
    SELECT u.role AS role, u.status AS status, u.daily_message_limit AS lim,
      ${liveNow(sql`u.id`, now)} AS used,
      (SELECT e.expires_at FROM message_events e
        WHERE e.user_id = u.id AND e.state = 'committed' AND e.expires_at > ${now}
        ORDER BY e.expires_at LIMIT 1) AS committedUntil,
      (SELECT min(e.at) FROM message_events e
        WHERE e.user_id = u.id AND e.state = 'reserved' AND e.expires_at > ${now}) AS reservedAt
    FROM users u WHERE u.id = ${userId}`);
  if (!row) return null;
  const candidates = [row.committedUntil, row.reservedAt === null ? null : row.reservedAt + WINDOW_MS].filter((t) => t !== null);
  return {
    role: row.role,
    status: row.status,
    limit: UNLIMITED_ROLES.includes(row.role) ? null : row.lim,
    used: Math.max(0, Number(row.used)),
    resetAt: candidates.length ? Math.min(...candidates.map(Number)) : null,
  };
}

/**
 * The settling writes. Commit is an upsert on the reservation's id: if the reservation was already
 * pruned (it outlived RESERVATION_MS) the chat is still recorded. Ids are AUTOINCREMENT: never reused.
 */
export const settleSql = {
  commit: (r: Reservation): SQL => sql`
    INSERT INTO message_events (id, user_id, at, expires_at, state)
    VALUES (${r.id}, ${r.userId}, ${r.at}, ${r.at + WINDOW_MS}, 'committed')
    ON CONFLICT (id) DO UPDATE SET state = 'committed', expires_at = excluded.expires_at`,
  release: (r: Reservation): SQL => sql`DELETE FROM message_events WHERE id = ${r.id} AND state = 'reserved'`,
  /** A successful chat of a user who went through no admission (unlimited, or an admin). */
  record: (userId: string, at: number): SQL => sql`
    INSERT INTO message_events (user_id, at, expires_at, state) VALUES (${userId}, ${at}, ${at + WINDOW_MS}, 'committed')`,
  /** Keeps a long stream's reservation counting. */
  renew: (r: Reservation, now: number): SQL => sql`
    UPDATE message_events SET expires_at = ${now + RESERVATION_MS} WHERE id = ${r.id} AND state = 'reserved'`,
  /** Bounded pruning of rows that no longer count (left the window, or abandoned reservations). */
  prune: (userId: string, now: number, max: number): SQL => sql`
    DELETE FROM message_events WHERE id IN (
      SELECT id FROM message_events
      WHERE user_id = ${userId} AND state IN ('reserved', 'committed') AND expires_at <= ${now}
      LIMIT ${max})`,
};
