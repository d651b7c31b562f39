// Who an identity from the OpenID provider signs in as (issue 5): subject first, then invitation or email.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { users, type UserRow } from "../../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { newId } from "../tokens.ts";
import { applyGuarded } from "../users/guarded-change.ts";
import { activateInvited } from "../users/invitations.ts";
import { getUserByEmail, getUserRow } from "../users/queries.ts";

/** What Gatehouse takes from the provider, after the ID token (and userinfo) were validated and each claim passed the input schemas. */
export interface SsoIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  username: string | null;
  name: string | null;
}

export type SsoRefusal =
  | "EMAIL_NOT_VERIFIED"
  | "EMAIL_MISMATCH"
  | "INVITATION_INVALID"
  | "SUSPENDED"
  | "NOT_INVITED"
  /** The provider account is linked to another user, or this user to another provider account. */
  | "SUBJECT_CONFLICT";

export type SsoOutcome = { userId: string } | { refused: SsoRefusal };

export interface SsoFlowFacts {
  /** Set when the flow started from an invitation's "Continue": its user and token hash. */
  invitation: { userId: string; tokenHash: string } | null;
}

const refuse = (refused: SsoRefusal): SsoOutcome => ({ refused });

export async function completeSsoSignIn(deps: Deps, identity: SsoIdentity, flow: SsoFlowFacts): Promise<SsoOutcome> {
  const { db } = deps;
  if (!identity.email || !identity.emailVerified) return refuse("EMAIL_NOT_VERIFIED");
  const email = identity.email;
  const bySubject = (await db.select().from(users).where(eq(users.ssoSubject, identity.subject)).get()) ?? null;

  if (flow.invitation) {
    const invited = await getUserRow(db, flow.invitation.userId);
    if (!invited || invited.status !== "pending") return refuse("INVITATION_INVALID");
    if (invited.email !== email) return refuse("EMAIL_MISMATCH");
    if (bySubject) return refuse("SUBJECT_CONFLICT");
    // A resend after this flow began replaced the token it started from.
    return activateWithIdentity(deps, invited, identity, sql`token_hash = ${flow.invitation.tokenHash}`);
  }
  if (bySubject) return signInExisting(bySubject);

  const byEmail = await getUserByEmail(db, email);
  if (!byEmail) return signUpByDomain(deps, identity, email);
  if (byEmail.ssoSubject !== null) return refuse("SUBJECT_CONFLICT");
  if (byEmail.status === "suspended") return refuse("SUSPENDED");
  // Signing in from the front door with a live invitation accepts it: the provider proved the email.
  if (byEmail.status === "pending") return activateWithIdentity(deps, byEmail, identity, sql`1`);
  return linkSubject(deps, byEmail, identity);
}

function signInExisting(user: UserRow): SsoOutcome {
  if (user.status === "active") return { userId: user.id };
  return refuse(user.status === "suspended" ? "SUSPENDED" : "INVITATION_INVALID");
}

const subjectFree = (subject: string) => sql`NOT EXISTS (SELECT 1 FROM users WHERE sso_subject = ${subject})`;

/** The provider's username when it fits and nobody has it yet; otherwise the account keeps its own. */
const usernameFrom = (identity: SsoIdentity) => {
  const u = identity.username;
  if (!u) return sql`username`;
  return sql`CASE WHEN username IS NULL AND NOT EXISTS (SELECT 1 FROM users WHERE username = ${u}) THEN ${u} ELSE username END`;
};

/** Completes the invitation with the provider's identity: subject linked, username and name filled in if free. */
async function activateWithIdentity(deps: Deps, target: UserRow, identity: SsoIdentity, invitationFact: SQL): Promise<SsoOutcome> {
  const accepted = await activateInvited(deps, target, {
    via: "sso",
    invitationFact,
    alsoRequires: subjectFree(identity.subject),
    changes: {
      ssoSubject: identity.subject,
      username: usernameFrom(identity),
      displayName: sql`COALESCE(display_name, ${identity.name})`,
    },
  });
  return accepted ? { userId: target.id } : refuse("INVITATION_INVALID");
}

/** An active account made without SSO (the first admin, the CLI) links the subject on its first SSO sign-in. */
async function linkSubject(deps: Deps, target: UserRow, identity: SsoIdentity): Promise<SsoOutcome> {
  const { db, clock } = deps;
  const written = await applyGuarded(
    db,
    clock.now(),
    {
      actor: null,
      target,
      action: "linkSso",
      detail: { email: target.email },
      alsoRequires: sql`${subjectFree(identity.subject)} AND EXISTS (SELECT 1 FROM users WHERE id = ${target.id} AND sso_subject IS NULL)`,
    },
    (committed) => [
      db.update(users).set({ ssoSubject: identity.subject, username: usernameFrom(identity) }).where(and(eq(users.id, target.id), committed)),
    ],
  );
  return written ? { userId: target.id } : refuse("SUBJECT_CONFLICT");
}

/**
 * No account and no invitation: refused, unless SSO_SIGNUP_DOMAINS grants the email's domain a role.
 * Even then an account an operator deleted is never recreated (the audit log remembers its email and subject).
 */
async function signUpByDomain(deps: Deps, identity: SsoIdentity, email: string): Promise<SsoOutcome> {
  const { db, clock, config } = deps;
  const role = config.sso?.signupDomains[email.slice(email.lastIndexOf("@") + 1)];
  if (!role) return refuse("NOT_INVITED");
  const id = newId();
  const now = clock.now();
  const username = identity.username;
  const written = await applyGuarded(
    db,
    now,
    {
      actor: null,
      target: null,
      targetId: id,
      action: "ssoSignUp",
      detail: { email, role },
      alsoRequires: sql`NOT EXISTS (SELECT 1 FROM users WHERE email = ${email}) AND ${subjectFree(identity.subject)}
        AND NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'delete' AND json_extract(detail, '$.email') = ${email})
        AND NOT EXISTS (SELECT 1 FROM audit_log WHERE action = 'delete' AND json_extract(detail, '$.ssoSubject') = ${identity.subject})`,
    },
    (committed) => [
      db.run(sql`INSERT INTO users (id, email, username, display_name, role, status, daily_message_limit, sso_subject, created_at, last_active_at)
        SELECT ${id}, ${email},
          CASE WHEN NOT EXISTS (SELECT 1 FROM users WHERE username = ${username}) THEN ${username} END,
          ${identity.name}, ${role}, 'active', ${config.defaultDailyLimits[role]},
          ${identity.subject}, ${now}, ${now}
        WHERE ${committed}`),
    ],
  );
  return written ? { userId: id } : refuse("NOT_INVITED");
}
