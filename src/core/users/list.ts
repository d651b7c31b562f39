// users.list: filtered, searched, sorted, keyset-paginated (CONTRACT §4).
import { and, eq, sql, type SQL } from "drizzle-orm";
import { invitations, users } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { fail } from "../errors.ts";
import type { Actor } from "../policy.ts";
import type { ListUsersInput, SortColumn } from "../schemas.ts";
import { toPublicUser, type PublicUser } from "./public-user.ts";
import { userWithStatsColumns, withStats } from "./queries.ts";

/** Each sort key matches an index in db/schema.ts, so a page is an index range scan. */
const SORT_KEYS: Record<SortColumn, SQL> = {
  createdAt: sql`${users.createdAt}`,
  email: sql`${users.email}`,
  role: sql`${users.role}`,
  status: sql`${users.status}`,
  lastActiveAt: sql`coalesce(${users.lastActiveAt}, 0)`,
};

interface Cursor {
  s: SortColumn;
  o: "asc" | "desc";
  k: string | number;
  id: string;
}

const encodeCursor = (c: Cursor): string =>
  btoa(JSON.stringify(c)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

function decodeCursor(raw: string, sort: SortColumn, order: "asc" | "desc"): Cursor {
  try {
    const c = JSON.parse(atob(raw.replaceAll("-", "+").replaceAll("_", "/"))) as Cursor;
    if (c.s === sort && c.o === order && typeof c.id === "string" && ["string", "number"].includes(typeof c.k)) return c;
  } catch {
    // fall through to the same answer as a mismatched cursor
  }
  return fail("INVALID_INPUT", "cursor: not a cursor from this listing; start again without a cursor");
}

/** FTS5 trigram needs three characters; shorter terms fall back to LIKE over the same columns. */
function searchCondition(term: string): SQL {
  if ([...term].length >= 3) {
    const phrase = `"${term.replaceAll('"', '""')}"`;
    return sql`${users.id} IN (SELECT user_id FROM users_search WHERE users_search MATCH ${phrase})`;
  }
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${users.email} LIKE ${pattern} ESCAPE '\\' OR ${users.username} LIKE ${pattern} ESCAPE '\\' OR ${users.displayName} LIKE ${pattern} ESCAPE '\\')`;
}

export interface UserPage {
  items: PublicUser[];
  nextCursor: string | null;
  total: number;
}

export async function listUsers(db: Db, viewer: Actor, input: ListUsersInput, now: number): Promise<UserPage> {
  const { sort, order, limit } = input;
  const filters: SQL[] = [];
  if (input.search) filters.push(searchCondition(input.search));
  if (input.role) filters.push(eq(users.role, input.role));
  if (input.status) filters.push(eq(users.status, input.status));

  const key = SORT_KEYS[sort];
  const dir = order === "asc" ? sql`ASC` : sql`DESC`;
  const page: SQL[] = [...filters];
  if (input.cursor) {
    const c = decodeCursor(input.cursor, sort, order);
    page.push(order === "asc" ? sql`(${key}, ${users.id}) > (${c.k}, ${c.id})` : sql`(${key}, ${users.id}) < (${c.k}, ${c.id})`);
  }

  const [rows, counted] = await Promise.all([
    db
      .select({ ...userWithStatsColumns(now), sortKey: sql<string | number>`${key}` })
      .from(users)
      .leftJoin(invitations, eq(invitations.userId, users.id))
      .where(and(...page))
      .orderBy(sql`${key} ${dir}`, sql`${users.id} ${dir}`)
      .limit(limit + 1)
      .all(),
    db.select({ n: sql<number>`count(*)` }).from(users).where(and(...filters)).get(),
  ]);

  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortKey: _, ...row }) => toPublicUser(withStats(row), viewer)),
    nextCursor: more && last ? encodeCursor({ s: sort, o: order, k: last.sortKey, id: last.id }) : null,
    total: counted?.n ?? 0,
  };
}
