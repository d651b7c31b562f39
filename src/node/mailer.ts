// Node-only: the configured mail transport, with SMTP available (Node has sockets).
import type { Config } from "../core/config.ts";
import type { Log } from "../core/deps.ts";
import type { Mailer } from "../core/mail/mailer.ts";
import { mailerFromConfig } from "../core/mail/transport.ts";
import { smtpMailer } from "./smtp-mailer.ts";

export const mailerFor = (config: Config, log: Log): Mailer => mailerFromConfig(config, log, smtpMailer);
