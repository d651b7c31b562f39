// users.list: filtered, searched, sorted, keyset-paginated (CONTRACT §4).
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { invitations, users } from "../../../db/schema.ts";
import type { Db } from "../../db/types.ts";
import { failBadCursor } from "../errors.ts";
import type { Actor } from "../policy.ts";
import type { ListUsersInput, SortColumn } from "../schemas.ts";
import { toPublicUser, type PublicUser } from "./public-user.ts";
import { SORT_KEYS } from "./sort-keys.ts";
import { userWithStatsColumns, withStats } from "./queries.ts";

interface Cursor {
  s: SortColumn;
  o: "asc" | "desc";
  k: string | number;
  id: string;
}

const encodeCursor = (c: Cursor): string =>
  btoa(JSON.stringify(c)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

/** The type of each sort's key, so a forged cursor cannot compare a number column with text. */
const KEY_TYPES: Record<SortColumn, "string" | "number"> = {
  createdAt: "number",
  email: "string",
  role: "number",
  status: "string",
  lastActiveAt: "number",
};

function decodeCursor(raw: string, sort: SortColumn, order: "asc" | "desc"): Cursor {
  try {
    const c = JSON.parse(atob(raw.replaceAll("-", "+").replaceAll("_", "/"))) as Cursor;
    if (c.s === sort && c.o === order && typeof c.id === "string" && typeof c.k === KEY_TYPES[sort]) return c;
  } catch {
    // fall through to the same answer as a mismatched cursor
  }
  return failBadCursor();
}

const TRIGRAM_MIN_CHARS = 3;
/**
 * Above this many matches a page is cheaper found by walking the sort index and probing the match
 * set (it stops after one page); below it, by looking the matches up by key and sorting them.
 */
const DENSE_MATCHES = 1000;

interface Search {
  condition: SQL;
  /** Exact number of matching users when the index can tell without touching the users table. */
  matches: number | null;
}

/**
 * SQLite's LIKE folds ASCII case only (the trigram index folds all of Unicode), so a short term is
 * tried in each case form of its other letters: at most a few patterns for one or two characters.
 */
function caseForms(term: string): string[] {
  let forms = [""];
  for (const char of term) {
    const cases = /^[\x00-\x7f]$/.test(char) ? [char] : [...new Set([char, char.toLowerCase(), char.toUpperCase()])];
    forms = forms.flatMap((prefix) => cases.map((c) => prefix + c));
  }
  return forms;
}

async function searchFor(db: Db, term: string): Promise<Search> {
  if ([...term].length < TRIGRAM_MIN_CHARS) {
    const like = (column: AnySQLiteColumn, form: string) => sql`${column} LIKE ${`%${form.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`;
    // Emails are stored lowercased, so the lowercased term is their only form.
    const matches = [like(users.email, term.toLowerCase())];
    for (const form of caseForms(term)) matches.push(like(users.username, form), like(users.displayName, form));
    return { condition: sql`(${sql.join(matches, sql` OR `)})`, matches: null };
  }
  // A quoted phrase: the term is matched literally, whatever FTS5 syntax it contains.
  const phrase = `"${term.replaceAll('"', '""')}"`;
  const matchSet = sql`(SELECT rowid FROM users_search WHERE users_search MATCH ${phrase})`;
  const counted = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users_search WHERE users_search MATCH ${phrase}`);
  const matches = counted?.n ?? 0;
  // Unary + keeps SQLite from using the key for this term, so it walks the sort index instead.
  const condition = matches > DENSE_MATCHES ? sql`+${users.seq} IN ${matchSet}` : sql`${users.seq} IN ${matchSet}`;
  return { condition, matches };
}

export interface UserPage {
  items: PublicUser[];
  nextCursor: string | null;
  total: number;
}

export async function listUsers(db: Db, viewer: Actor, input: ListUsersInput, now: number): Promise<UserPage> {
  const { sort, order, limit } = input;
  const filters: SQL[] = [];
  const search = input.search ? await searchFor(db, input.search) : null;
  if (search) filters.push(search.condition);
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
    search?.matches != null && filters.length === 1
      ? { n: search.matches }
      : db.select({ n: sql<number>`count(*)` }).from(users).where(and(...filters)).get(),
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
