// The Drizzle schema: the single source for the SQL migrations in db/migrations.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Role, Status } from "../src/core/policy.ts";

/** Times are epoch milliseconds, except sessions.expires_at, which Lucia keeps in seconds. */
export const users = sqliteTable(
  "users",
  {
    /** A stable integer rowid: the search index refers to users by it, and VACUUM never renumbers it. */
    seq: integer("seq").primaryKey(),
    id: text("id").notNull(),
    email: text("email").notNull(),
    username: text("username"),
    displayName: text("display_name"),
    bio: text("bio"),
    role: text("role").$type<Role>().notNull(),
    status: text("status").$type<Status>().notNull(),
    dailyMessageLimit: integer("daily_message_limit"),
    ssoSubject: text("sso_subject"),
    createdAt: integer("created_at").notNull(),
    lastActiveAt: integer("last_active_at"),
  },
  (t) => [
    uniqueIndex("users_id_unique").on(t.id),
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_username_unique").on(t.username),
    uniqueIndex("users_sso_subject_unique").on(t.ssoSubject),
    // One index per sortable column, each ending in id: the keyset tie-breaker. lastActiveAt sorts
    // as coalesce(last_active_at, 0); that expression index lives in 0001 (drizzle-kit mangles expressions).
    index("users_created_at_idx").on(t.createdAt, t.id),
    index("users_role_idx").on(t.role, t.id),
    index("users_status_idx").on(t.status, t.id),
    index("users_role_created_idx").on(t.role, t.createdAt, t.id),
    index("users_status_created_idx").on(t.status, t.createdAt, t.id),
    // Serves the last-admin guard: counting active admins touches only admin rows.
    index("users_role_status_idx").on(t.role, t.status),
  ],
);
export type UserRow = typeof users.$inferSelect;

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the session token: the token itself is never stored. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const signinLinks = sqliteTable(
  "signin_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("signin_links_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    /** One live invitation per pending user; resend replaces the token. */
    userId: text("user_id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by"),
    welcomeMessage: text("welcome_message"),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    deliveryError: text("delivery_error"),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash)],
);
export type InvitationRow = typeof invitations.$inferSelect;

/**
 * The message-cap ledger (src/core/cap): one row per admitted or recorded chat. A row counts while
 * expires_at > now: a reservation for 10 minutes from admission, a committed chat for 24 hours from `at`.
 */
export const messageEvents = sqliteTable(
  "message_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    at: integer("at").notNull(),
    expiresAt: integer("expires_at").notNull().default(0),
    state: text("state", { enum: ["reserved", "committed"] }).notNull(),
  },
  (t) => [index("message_events_user_state_expires_idx").on(t.userId, t.state, t.expiresAt)],
);
export type MessageEventRow = typeof messageEvents.$inferSelect;

/**
 * Per-user running count, kept by triggers on message_events (migration 0004): live = the user's
 * events with expires_at > swept_until. Admission advances swept_until, subtracting only the events
 * that expired since, so it never counts the window.
 */
export const messageCaps = sqliteTable("message_caps", {
  userId: text("user_id").primaryKey(),
  live: integer("live").notNull(),
  sweptUntil: integer("swept_until").notNull(),
});

export const auditLog = sqliteTable(
  "audit_log",
  {
    /** Insertion order: entries in the same millisecond still list in the order they were written. */
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull(),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex("audit_log_id_unique").on(t.id)],
);
export type AuditRow = typeof auditLog.$inferSelect;

/** An OpenID Connect sign-in in progress: PKCE verifier and nonce, keyed by the hashed state. */
export const ssoFlows = sqliteTable("sso_flows", {
  stateHash: text("state_hash").primaryKey(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  /** Set when the flow completes an invitation: the pending user it must activate. */
  invitedUserId: text("invited_user_id"),
  /** The invitation token the flow started from: a resend replaces it, and the flow then fails. */
  invitationTokenHash: text("invitation_token_hash"),
  expiresAt: integer("expires_at").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Fixed-window counters for throttling sign-in link requests per email and per client address. */
export const throttles = sqliteTable("throttles", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  hits: integer("hits").notNull(),
});
