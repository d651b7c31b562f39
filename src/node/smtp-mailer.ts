// Node-only: the `smtp` transport through nodemailer, configured by one SMTP_URL.
import nodemailer from "nodemailer";
import type { MailMessage, Mailer } from "../core/mail/mailer.ts";

/**
 * `smtps://user:pass@smtp.example.com:465` (TLS from the start) or `smtp://user:pass@host:587`
 * (STARTTLS when offered; add `?requireTLS=true` to insist). URL-encode special characters in the
 * user and password. Other nodemailer options go in the query, e.g. `?socketTimeout=60000`.
 */
export function smtpMailer(options: { url: string; from: string }): Mailer & { close(): void } {
  // An operator waits on the send while inviting: fail within seconds, not nodemailer's minutes.
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    close: () => transport.close(),
  };
}
