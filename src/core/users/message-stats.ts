// How many successful chats a user had in the last 24 hours, as a SQL expression for user queries.
import { sql, type SQL } from "drizzle-orm";
import { users } from "../../../db/schema.ts";

/** Committed chats count for 24 h from `at`, i.e. while expires_at > now (src/core/cap/ledger.ts): an index range. */
export function messagesLast24hSql(now: number): SQL<number> {
  return sql<number>`(SELECT count(*) FROM message_events e WHERE e.user_id = ${users.id} AND e.state = 'committed' AND e.expires_at > ${now})`;
}
