// Node-only: picks the mail transport named by configuration (CONTRACT §2).
import type { Config } from "../core/config.ts";
import type { Log } from "../core/deps.ts";
import { httpMailer } from "../core/mail/http-mailer.ts";
import { consoleMailer, type Mailer } from "../core/mail/mailer.ts";
import { smtpMailer } from "./smtp-mailer.ts";

export function mailerFor(config: Config, log: Log): Mailer {
  const { mail } = config;
  switch (mail.transport) {
    case "console":
      return consoleMailer(log);
    case "smtp":
      return smtpMailer({ url: mail.smtpUrl!, from: mail.from });
    case "http":
      return httpMailer({ url: mail.httpUrl!, token: mail.httpToken, from: mail.from });
  }
}
