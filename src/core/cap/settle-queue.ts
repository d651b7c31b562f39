// Group commit for the ledger's settling writes: commits, releases and recordings queued in the same
// event-loop turn, or while a write is in flight, go out together in one transaction. Each caller's
// promise resolves only once its write is in the database: no success is answered before it is recorded.
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/types.ts";
import { settleSql } from "./ledger.ts";

/**
 * Every PRUNE_EVERY-th flush also deletes up to PRUNE_PER_USER rows that no longer count, per user in
 * it: more than those flushes add, so pruning keeps up without a cron job, and most flushes stay one
 * statement. Rows that linger cost nothing but space: admission never reads them.
 */
const PRUNE_EVERY = 8;
const PRUNE_PER_USER = 32;

interface Pending {
  statement: SQL;
  userId: string;
  now: number;
  done: { resolve(): void; reject(error: unknown): void };
}

export interface SettleQueue {
  /** Writes the statement (grouped with others when possible); resolves once it is committed. */
  write(statement: SQL, userId: string, now: number): Promise<void>;
}

/**
 * Workers forbid one request from awaiting I/O started by another, so there each request's write
 * goes out on its own, from that request.
 */
const onWorkers = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";

/** setImmediate where it exists (Node): after this turn's I/O callbacks, without a timer's delay. */
const nextTurn: (run: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
    ? (run) => void (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(run)
    : (run) => void setTimeout(run, 0);

export function createSettleQueue(db: Db, options: { group?: boolean } = {}): SettleQueue {
  const group = options.group ?? !onWorkers;
  let queue: Pending[] = [];
  let flushing = false;
  let flushes = 0;

  async function run(items: Pending[]): Promise<void> {
    const now = Math.max(...items.map((p) => p.now));
    const users = flushes++ % PRUNE_EVERY === 0 ? [...new Set(items.map((p) => p.userId))] : [];
    const statements = [...items.map((p) => p.statement), ...users.map((u) => settleSql.prune(u, now, PRUNE_PER_USER))];
    const [first, ...rest] = statements.map((s) => db.run(s));
    try {
      await (rest.length ? db.batch([first!, ...rest]) : first);
      for (const p of items) p.done.resolve();
    } catch (error) {
      for (const p of items) p.done.reject(error);
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    while (queue.length) {
      const items = queue;
      queue = [];
      await run(items);
    }
    flushing = false;
  }

  return {
    write(statement, userId, now) {
      return new Promise<void>((resolve, reject) => {
        const pending = { statement, userId, now, done: { resolve, reject } };
        if (!group) return void run([pending]);
        queue.push(pending);
        // Writes queued before the next turn of the event loop join; later ones wait for the next batch.
        if (!flushing) {
          flushing = true;
          nextTurn(() => void flush());
        }
      });
    },
  };
}

const queues = new WeakMap<Db, SettleQueue>();

/** One queue per database handle, shared by the Hono and tRPC middlewares. */
export function settleQueueFor(db: Db): SettleQueue {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = createSettleQueue(db)));
  return q;
}
