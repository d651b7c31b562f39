// The one-time sign-in link message, in plain text and HTML.
import { escapeHtml } from "./invitation-email.ts";
import type { MailMessage } from "./mailer.ts";

export function signinEmail(m: { to: string; instanceName: string; link: string; expiresAt: Date }): MailMessage {
  const expires = m.expiresAt.toUTCString();
  const text = [
    `Sign in to ${m.instanceName}: ${m.link}`,
    "",
    `This link works once and expires on ${expires}.`,
    "If you did not ask to sign in, ignore this message.",
  ].join("\n");
  const html = [
    `<p><a href="${escapeHtml(m.link)}">Sign in to ${escapeHtml(m.instanceName)}</a></p>`,
    `<p>This link works once and expires on ${escapeHtml(expires)}.</p>`,
    "<p>If you did not ask to sign in, ignore this message.</p>",
  ].join("\n");
  return { to: m.to, subject: `Your sign-in link for ${m.instanceName}`, text, html };
}
