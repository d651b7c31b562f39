// Outgoing mail goes through this interface; transports are chosen by configuration.
import type { Log } from "../deps.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The offline default: prints each message so `npm start` works without a mail server. */
export function consoleMailer(log: Pick<Log, "info">): Mailer {
  return {
    async send({ to, subject, text }) {
      log.info(`\n--- mail to ${to}: ${subject}\n${text}\n---`);
    },
  };
}
