// Fixed-window counters in the database, so every process and Worker isolate shares one count.
import { sql } from "drizzle-orm";
import type { Db } from "../db/types.ts";

export interface ThrottleRule {
  /** e.g. `email-link:email:ana@example.com` */
  key: string;
  max: number;
  windowMs: number;
}

/**
 * Counts one hit against each rule in one batch and says whether all of them still allow it. Each
 * counter is a single upsert, so racing requests never lose a hit. Counters past their window are
 * swept in the same batch.
 */
export async function hitThrottles(db: Db, now: number, rules: ThrottleRule[]): Promise<boolean> {
  if (rules.length === 0) return true;
  const longest = Math.max(...rules.map((r) => r.windowMs));
  const [, ...counts] = await db.batch([
    db.run(sql`DELETE FROM throttles WHERE window_start <= ${now - longest}`),
    ...rules.map((rule) => {
      const expired = sql`throttles.window_start <= ${now - rule.windowMs}`;
      return db.all<{ hits: number }>(sql`
        INSERT INTO throttles (key, window_start, hits) VALUES (${rule.key}, ${now}, 1)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN ${expired} THEN 1 ELSE throttles.hits + 1 END,
          window_start = CASE WHEN ${expired} THEN ${now} ELSE throttles.window_start END
        RETURNING hits`);
    }),
  ]);
  return rules.every((rule, i) => ((counts[i] as { hits: number }[])[0]?.hits ?? Infinity) <= rule.max);
}
