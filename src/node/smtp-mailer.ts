// Node-only: the `smtp` transport through nodemailer, configured by one SMTP_URL.
import nodemailer from "nodemailer";
import type { MailMessage, Mailer } from "../core/mail/mailer.ts";

/**
 * `smtps://user:pass@smtp.example.com:465` (TLS from the start) or `smtp://user:pass@host:587`
 * (STARTTLS when offered). URL-encode special characters in the user and password.
 */
export function smtpMailer(options: { url: string; from: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(options.url);
  return {
    async send(message: MailMessage) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    close: () => transport.close(),
  };
}
