// Workers: the mail transport named by configuration. SMTP needs Node sockets; the Worker speaks HTTP or prints.
import { ConfigError, type Config } from "../core/config.ts";
import type { Log } from "../core/deps.ts";
import { httpMailer } from "../core/mail/http-mailer.ts";
import { consoleMailer, type Mailer } from "../core/mail/mailer.ts";

export function workerMailer(config: Config, log: Log): Mailer {
  const { mail } = config;
  switch (mail.transport) {
    case "console":
      return consoleMailer(log);
    case "http":
      return httpMailer({ url: mail.httpUrl!, token: mail.httpToken, from: mail.from });
    case "smtp":
      throw new ConfigError("Invalid configuration: MAIL_TRANSPORT=smtp does not run on Workers; use http (or console)");
  }
}
