// Returning users ask for a one-time sign-in link by email (CONTRACT §3 POST /auth/email-link).
import { sql } from "drizzle-orm";
import { MINUTE } from "../core/clock.ts";
import type { Deps } from "../core/deps.ts";
import { signinEmail } from "../core/mail/signin-email.ts";
import { emailSchema } from "../core/schemas.ts";
import { hashToken } from "../core/tokens.ts";
import { getUserByEmail } from "../core/users/queries.ts";
import { INSTANCE_NAME } from "../core/users/invitations.ts";
import { createSigninLink, SIGNIN_LINK_TTL } from "./signin-links.ts";
import { hitThrottles } from "./throttle.ts";

export const EMAIL_LINK_LIMITS = {
  perEmail: { max: 5, windowMs: 15 * MINUTE },
  perAddress: { max: 30, windowMs: 15 * MINUTE },
} as const;

/** Counters are keyed by hashes: the table never holds who asked, or from where. */
export const throttleKey = async (kind: "email" | "addr", value: string) => `email-link:${kind}:${await hashToken(value)}`;

export type EmailLinkOutcome = "sent" | "no-account" | "throttled" | "invalid" | "disabled";

/**
 * Mails a link when the address belongs to an active account. The caller answers 202 whatever the
 * outcome, so the outcome is only for logs and tests. The mail itself is returned as a promise
 * the caller need not await, so a slow mail server does not reveal which accounts exist.
 */
export async function requestEmailLink(
  deps: Deps,
  input: { email: unknown; clientAddress: string | null },
): Promise<{ outcome: EmailLinkOutcome; delivery: Promise<void> }> {
  const done = (outcome: EmailLinkOutcome) => ({ outcome, delivery: Promise.resolve() });
  // In sso mode the provider decides who may sign in; a mailed link would go around it.
  if (deps.config.authMode !== "email-link") return done("disabled");
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) return done("invalid");
  const email = parsed.data;
  const { db, clock, config, mailer, log } = deps;
  const now = clock.now();
  const allowed = await hitThrottles(db, now, [
    { key: await throttleKey("email", email), ...EMAIL_LINK_LIMITS.perEmail },
    ...(input.clientAddress ? [{ key: await throttleKey("addr", input.clientAddress), ...EMAIL_LINK_LIMITS.perAddress }] : []),
  ]);
  if (!allowed) return done("throttled");
  const user = await getUserByEmail(db, email);
  if (!user || user.status !== "active") return done("no-account");

  // Expired links are useless; sweep them here, where new ones are made.
  await db.run(sql`DELETE FROM signin_links WHERE expires_at <= ${now}`);
  const link = await createSigninLink(db, clock, config.publicUrl, user.id);
  const message = signinEmail({ to: email, instanceName: INSTANCE_NAME, link, expiresAt: new Date(now + SIGNIN_LINK_TTL) });
  const delivery = mailer.send(message).catch((error: unknown) => log.error(`sign-in link email to ${email} failed`, error));
  return { outcome: "sent", delivery };
}
