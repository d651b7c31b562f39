// Picks the mail transport named by configuration (CONTRACT §2); the runtime supplies SMTP if it has sockets.
import { ConfigError, type Config } from "../config.ts";
import type { Log } from "../deps.ts";
import { httpMailer } from "./http-mailer.ts";
import { consoleMailer, type Mailer } from "./mailer.ts";

export type SmtpTransport = (options: { url: string; from: string }) => Mailer;

export function mailerFromConfig(config: Config, log: Log, smtp?: SmtpTransport): Mailer {
  const { mail } = config;
  switch (mail.transport) {
    case "console":
      return consoleMailer(log);
    case "http":
      return httpMailer({ url: mail.httpUrl!, token: mail.httpToken, from: mail.from });
    case "smtp":
      if (!smtp) throw new ConfigError("Invalid configuration: MAIL_TRANSPORT=smtp does not run on Workers; use http (or console)");
      return smtp({ url: mail.smtpUrl!, from: mail.from });
  }
}
