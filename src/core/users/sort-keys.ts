// The sort keys of users.list; each matches an index in db/, so a page is an index range scan.
import { sql, type SQL } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { ROLE_RANK, ROLES } from "../policy.ts";
import type { SortColumn } from "../schemas.ts";

/** Literal constants, not parameters: SQLite uses an expression index only for the identical expression. */
const roleRankSql = sql.raw(`(CASE "users"."role" ${ROLES.map((r) => `WHEN '${r}' THEN ${ROLE_RANK[r]}`).join(" ")} END)`);

export const SORT_KEYS: Record<SortColumn, SQL> = {
  createdAt: sql`${users.createdAt}`,
  email: sql`${users.email}`,
  role: roleRankSql,
  status: sql`${users.status}`,
  lastActiveAt: sql`coalesce(${users.lastActiveAt}, 0)`,
};
