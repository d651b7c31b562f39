// Workers: the configured mail transport. SMTP needs Node sockets, so the Worker speaks HTTP or prints.
import type { Config } from "../core/config.ts";
import type { Log } from "../core/deps.ts";
import type { Mailer } from "../core/mail/mailer.ts";
import { mailerFromConfig } from "../core/mail/transport.ts";

export const workerMailer = (config: Config, log: Log): Mailer => mailerFromConfig(config, log);
