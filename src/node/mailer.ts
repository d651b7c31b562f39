// Node-only: picks the mail transport named by configuration.
import type { Config } from "../core/config.ts";
import type { Log } from "../core/deps.ts";
import { consoleMailer, type Mailer } from "../core/mail/mailer.ts";

export function mailerFor(config: Config, log: Log): Mailer {
  switch (config.mail.transport) {
    case "console":
      return consoleMailer(log);
    default:
      throw new Error(`MAIL_TRANSPORT=${config.mail.transport} is not available in this build; use console`);
  }
}
