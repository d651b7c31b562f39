// The invitation message, in plain text and HTML; every user-supplied text is escaped.
import type { MailMessage } from "./mailer.ts";

export interface InvitationEmail {
  to: string;
  instanceName: string;
  inviterName: string;
  welcomeMessage: string | null;
  link: string;
  expiresAt: Date;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function invitationEmail(m: InvitationEmail): MailMessage {
  const expires = m.expiresAt.toUTCString();
  const subject = `${m.inviterName} invited you to ${m.instanceName}`;
  const text = [
    `${m.inviterName} invited you to ${m.instanceName}.`,
    ...(m.welcomeMessage ? ["", m.welcomeMessage] : []),
    "",
    `Accept the invitation: ${m.link}`,
    "",
    `This link works once and expires on ${expires}.`,
  ].join("\n");
  const html = [
    `<p>${escapeHtml(m.inviterName)} invited you to ${escapeHtml(m.instanceName)}.</p>`,
    ...(m.welcomeMessage ? [`<p style="white-space:pre-wrap">${escapeHtml(m.welcomeMessage)}</p>`] : []),
    `<p><a href="${escapeHtml(m.link)}">Accept the invitation</a></p>`,
    `<p>This link works once and expires on ${escapeHtml(expires)}.</p>`,
  ].join("\n");
  return { to: m.to, subject, text, html };
}
