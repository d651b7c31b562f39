// Inviting users (CONTRACT §4, §6): a pending account plus a single-use, hashed, 7-day invitation.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { invitations, users, type UserRow } from "../../../db/schema.ts";
import { DAY } from "../clock.ts";
import type { Deps } from "../deps.ts";
import { fail } from "../errors.ts";
import { invitationEmail } from "../mail/invitation-email.ts";
import { canListUsers, grantableRoles } from "../policy.ts";
import type { InviteInput } from "../schemas.ts";
import { generateToken, hashToken, newId } from "../tokens.ts";
import { actOnUser } from "./act-on-user.ts";
import { answerAs } from "./commands.ts";
import { applyGuarded } from "./guarded-change.ts";
import type { PublicUser } from "./public-user.ts";
import { getUserByEmail, getUserRow } from "./queries.ts";

export const INVITATION_TTL = 7 * DAY;
export const INSTANCE_NAME = "Gatehouse";

export async function inviteUser(deps: Deps, actorId: string, input: InviteInput): Promise<{ user: PublicUser }> {
  const { db, clock, config } = deps;
  const actor = await getUserRow(db, actorId);
  if (!actor || actor.status !== "active") return fail("UNAUTHENTICATED", "Your session has ended; sign in again.");
  if (!canListUsers(actor.role)) fail("NOT_PERMITTED", "Your role may not invite users.");
  if (!grantableRoles(actor.role).includes(input.role)) fail("ROLE_NOT_ALLOWED", "Your role may not invite users with this role.");
  const emailTaken = () => fail("EMAIL_TAKEN", "An account with this email already exists; find it in the list instead.");
  const existing = await getUserByEmail(db, input.email);
  if (existing) {
    const reinvited = existing.status === "pending" && grantableRoles(actor.role).includes(existing.role)
      ? await reinviteExpired(deps, actor, existing, input)
      : null;
    return reinvited ?? emailTaken();
  }

  const token = generateToken();
  const tokenHash = await hashToken(token);
  const now = clock.now();
  const id = newId();
  const limit = config.defaultDailyLimits[input.role];
  const written = await applyGuarded(
    db,
    now,
    {
      actor: { id: actor.id, role: actor.role },
      target: null,
      targetId: id,
      action: "invite",
      detail: { email: input.email, role: input.role },
      alsoRequires: sql`NOT EXISTS (SELECT 1 FROM users WHERE email = ${input.email})`,
    },
    (committed) => [
      db.run(sql`INSERT INTO users (id, email, display_name, bio, role, status, daily_message_limit, created_at)
        SELECT ${id}, ${input.email}, ${input.displayName ?? null}, ${input.bio ?? null}, ${input.role}, 'pending', ${limit}, ${now}
        WHERE ${committed}`),
      db.run(sql`INSERT INTO invitations (user_id, token_hash, invited_by, welcome_message, expires_at, created_at)
        SELECT ${id}, ${tokenHash}, ${actor.id}, ${input.welcomeMessage ?? null}, ${now + INVITATION_TTL}, ${now}
        WHERE ${committed}`),
    ],
  );
  if (!written) {
    if (await getUserByEmail(db, input.email)) emailTaken();
    fail("NOT_PERMITTED", "Your role changed while inviting; reload and try again.");
  }
  await deliverInvitation(deps, { userId: id, email: input.email, inviter: actor, welcomeMessage: input.welcomeMessage ?? null, token, expiresAt: now + INVITATION_TTL });
  return { user: await answerAs(deps, actor, id) };
}

/**
 * Inviting again after an invitation expired unused starts it afresh, with the new details, on the
 * same pending account. While an invitation is live, inviting is a CONFLICT: resend it instead.
 */
async function reinviteExpired(deps: Deps, actor: UserRow, target: UserRow, input: InviteInput): Promise<{ user: PublicUser } | null> {
  const { db, clock, config } = deps;
  const token = generateToken();
  const tokenHash = await hashToken(token);
  const now = clock.now();
  const written = await applyGuarded(
    db,
    now,
    {
      actor: { id: actor.id, role: actor.role },
      target,
      action: "invite",
      detail: { email: input.email, role: input.role, reinvite: true },
      alsoRequires: sql`NOT EXISTS (SELECT 1 FROM invitations WHERE user_id = ${target.id} AND expires_at > ${now})`,
    },
    (committed) => [
      db
        .update(users)
        .set({ role: input.role, displayName: input.displayName ?? null, bio: input.bio ?? null, dailyMessageLimit: config.defaultDailyLimits[input.role] })
        .where(and(eq(users.id, target.id), committed)),
      db.run(sql`INSERT INTO invitations (user_id, token_hash, invited_by, welcome_message, expires_at, created_at)
        SELECT ${target.id}, ${tokenHash}, ${actor.id}, ${input.welcomeMessage ?? null}, ${now + INVITATION_TTL}, ${now} WHERE ${committed}
        ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, invited_by = excluded.invited_by,
          welcome_message = excluded.welcome_message, expires_at = excluded.expires_at, created_at = excluded.created_at,
          sent_at = NULL, delivery_error = NULL`),
    ],
  );
  if (!written) return null;
  await deliverInvitation(deps, { userId: target.id, email: input.email, inviter: actor, welcomeMessage: input.welcomeMessage ?? null, token, expiresAt: now + INVITATION_TTL });
  return { user: await answerAs(deps, actor, target.id) };
}

export async function resendInvite(deps: Deps, actorId: string, targetId: string): Promise<{ user: PublicUser }> {
  const { db, clock } = deps;
  const token = generateToken();
  const tokenHash = await hashToken(token);
  const now = clock.now();
  const { actor, target } = await actOnUser(deps, {
    actorId,
    targetId,
    action: "resendInvite",
    effects: (target, committed) => [
      // A new token replaces the old one, so the earlier link stops working.
      db.run(sql`INSERT INTO invitations (user_id, token_hash, invited_by, expires_at, created_at)
        SELECT ${target.id}, ${tokenHash}, ${actorId}, ${now + INVITATION_TTL}, ${now} WHERE ${committed}
        ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at,
          created_at = excluded.created_at, sent_at = NULL, delivery_error = NULL`),
    ],
  });
  const invitation = await db.select().from(invitations).where(eq(invitations.userId, target.id)).get();
  const inviter = (await getUserRow(db, actor.id))!;
  await deliverInvitation(deps, { userId: target.id, email: target.email, inviter, welcomeMessage: invitation?.welcomeMessage ?? null, token, expiresAt: now + INVITATION_TTL });
  return { user: await answerAs(deps, actor, targetId) };
}

export async function revokeInvite(deps: Deps, actorId: string, targetId: string): Promise<{ ok: true }> {
  const { db } = deps;
  await actOnUser(deps, {
    actorId,
    targetId,
    action: "revokeInvite",
    effects: (target, committed) => [
      db.delete(invitations).where(and(eq(invitations.userId, target.id), committed)),
      db.delete(users).where(and(eq(users.id, target.id), committed)),
    ],
  });
  return { ok: true };
}

interface Delivery {
  userId: string;
  email: string;
  inviter: Pick<UserRow, "email" | "displayName">;
  welcomeMessage: string | null;
  token: string;
  expiresAt: number;
}

/** A failed send keeps the invitation: the row shows the error and the operator can resend. */
async function deliverInvitation(deps: Deps, d: Delivery): Promise<void> {
  const { db, clock, mailer, config, log } = deps;
  const message = invitationEmail({
    to: d.email,
    instanceName: INSTANCE_NAME,
    inviterName: d.inviter.displayName ?? d.inviter.email,
    welcomeMessage: d.welcomeMessage,
    link: `${config.publicUrl}/invite/${d.token}`,
    expiresAt: new Date(d.expiresAt),
  });
  let outcome: { sentAt: number; deliveryError: null } | { sentAt: null; deliveryError: string };
  try {
    await mailer.send(message);
    outcome = { sentAt: clock.now(), deliveryError: null };
  } catch (error) {
    log.error(`invitation email to ${d.email} failed`, error);
    outcome = { sentAt: null, deliveryError: "The invitation email could not be sent; check the mail settings and resend." };
  }
  const tokenHash = await hashToken(d.token);
  await db.update(invitations).set(outcome).where(and(eq(invitations.userId, d.userId), eq(invitations.tokenHash, tokenHash)));
}

export interface LiveInvitation {
  userId: string;
  email: string;
  welcomeMessage: string | null;
}

/** The invitation behind a token if it can still be accepted; unknown, expired, revoked and used alike are null. */
export async function getLiveInvitation(deps: Deps, token: string): Promise<LiveInvitation | null> {
  const row = await deps.db
    .select({ userId: users.id, email: users.email, status: users.status, welcomeMessage: invitations.welcomeMessage, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.tokenHash, await hashToken(token)))
    .get();
  if (!row || row.status !== "pending" || row.expiresAt <= deps.clock.now()) return null;
  return { userId: row.userId, email: row.email, welcomeMessage: row.welcomeMessage };
}

/** How an invitation is being completed: which invitation fact must hold, and what else changes on the account. */
export interface Activation {
  via: "email-link" | "sso";
  /** Extra condition on the invitation row, e.g. the token the flow started from. */
  invitationFact: SQL;
  /** Extra facts that must hold, e.g. the provider subject is not linked elsewhere. */
  alsoRequires?: SQL;
  changes?: { [K in "ssoSubject" | "username" | "displayName"]?: SQL | string | null };
}

/**
 * Activates a pending account once: the guard requires the pending status and a live invitation, and
 * the same batch removes the invitation, so two racing accepts cannot both succeed.
 */
export async function activateInvited(deps: Deps, target: UserRow, activation: Activation): Promise<boolean> {
  const { db, clock } = deps;
  const now = clock.now();
  const live = sql`EXISTS (SELECT 1 FROM invitations WHERE user_id = ${target.id} AND expires_at > ${now} AND ${activation.invitationFact})`;
  const written = await applyGuarded(
    db,
    now,
    {
      actor: null,
      target,
      action: "acceptInvitation",
      detail: { email: target.email, via: activation.via },
      alsoRequires: activation.alsoRequires ? sql`${live} AND ${activation.alsoRequires}` : live,
    },
    (committed) => [
      db.update(users).set({ status: "active", lastActiveAt: now, ...activation.changes }).where(and(eq(users.id, target.id), committed)),
      db.delete(invitations).where(and(eq(invitations.userId, target.id), committed)),
    ],
  );
  return written !== null;
}

/**
 * Email-link mode: the link reached the invitee's inbox, which proves the address. Activates the
 * account once; unknown, expired, revoked and used tokens all answer null alike.
 */
export async function acceptInvitation(deps: Deps, token: string): Promise<string | null> {
  const invitation = await getLiveInvitation(deps, token);
  if (!invitation) return null;
  const target = await getUserRow(deps.db, invitation.userId);
  if (!target) return null;
  const accepted = await activateInvited(deps, target, { via: "email-link", invitationFact: sql`token_hash = ${await hashToken(token)}` });
  return accepted ? target.id : null;
}
