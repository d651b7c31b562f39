// What every core operation is given: the one place that names the injected dependencies.
import type { Db } from "../db/types.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { Mailer } from "./mail/mailer.ts";

export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  config: Config;
  log: Log;
}
