// Real dependencies for tests: a fresh database, a movable clock, a mailer that keeps what it sends.
import { loadConfig, type Config } from "../../src/core/config.ts";
import type { Clock } from "../../src/core/clock.ts";
import type { Deps, Log } from "../../src/core/deps.ts";
import type { MailMessage, Mailer } from "../../src/core/mail/mailer.ts";
import { freshDatabase } from "./database.ts";

export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 0, 15, 12, 0, 0)) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

export class MailBox implements Mailer {
  sent: MailMessage[] = [];
  failNext = false;
  async send(message: MailMessage) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("mail server unavailable");
    }
    this.sent.push(message);
  }
  /** The first URL in the latest message to `to`. */
  linkTo(to: string): string {
    const message = this.sent.findLast((m) => m.to === to);
    const url = message?.text.match(/https?:\/\/\S+/)?.[0];
    if (!url) throw new Error(`no link mailed to ${to}`);
    return url;
  }
}

/** Collects errors instead of printing them, so a test can assert that none happened. */
export class TestLog implements Log {
  errors: string[] = [];
  infos: string[] = [];
  info = (m: string) => void this.infos.push(m);
  error = (m: string, e?: unknown) => void this.errors.push(`${m} ${e instanceof Error ? e.message : String(e ?? "")}`);
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ PUBLIC_URL: "http://localhost:8787", ...env });
}

export async function testDeps(env: Record<string, string> = {}) {
  const database = await freshDatabase();
  const clock = new TestClock();
  const mail = new MailBox();
  const log = new TestLog();
  const deps: Deps = { db: database.db, clock, mailer: mail, log, config: testConfig(env) };
  return { deps, database, clock, mail, log };
}
