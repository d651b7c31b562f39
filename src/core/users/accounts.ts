// Accounts made without an invitation: the first admin on an empty database, and the CLI's user:create.
import { sql, type SQL } from "drizzle-orm";
import type { UserRow } from "../../../db/schema.ts";
import type { Deps } from "../deps.ts";
import { fail } from "../errors.ts";
import { ADMIN_ROLE, type Role } from "../policy.ts";
import { newId } from "../tokens.ts";
import { applyGuarded } from "./guarded-change.ts";
import { getUserByEmail, getUserRow } from "./queries.ts";

export interface NewAccount {
  email: string;
  role: Role;
  displayName?: string | undefined;
  username?: string | undefined;
}

async function insertActive(deps: Deps, account: NewAccount, action: string, onlyIf: SQL): Promise<UserRow | null> {
  const { db, clock, config } = deps;
  const id = newId();
  const now = clock.now();
  const written = await applyGuarded(
    db,
    now,
    { actor: null, target: null, targetId: id, action, detail: { email: account.email, role: account.role }, alsoRequires: onlyIf },
    (committed) => [
      db.run(sql`INSERT INTO users (id, email, username, display_name, role, status, daily_message_limit, created_at)
        SELECT ${id}, ${account.email}, ${account.username ?? null}, ${account.displayName ?? null}, ${account.role}, 'active',
          ${config.defaultDailyLimits[account.role]}, ${now}
        WHERE ${committed}`),
    ],
  );
  return written ? getUserRow(db, id) : null;
}

/** Creates an active user (CLI user:create). */
export async function createActiveUser(deps: Deps, account: NewAccount): Promise<UserRow> {
  const taken = () => fail("EMAIL_TAKEN", `An account with the email ${account.email} already exists.`);
  if (await getUserByEmail(deps.db, account.email)) taken();
  const conditions = account.username
    ? sql`NOT EXISTS (SELECT 1 FROM users WHERE email = ${account.email} OR username = ${account.username})`
    : sql`NOT EXISTS (SELECT 1 FROM users WHERE email = ${account.email})`;
  const row = await insertActive(deps, account, "createUser", conditions);
  if (!row) {
    if (await getUserByEmail(deps.db, account.email)) taken();
    fail("EMAIL_TAKEN", `The username ${account.username} is already taken.`);
  }
  return row!;
}

/** On an empty database only: creates the first admin. Racing starts create one admin, not two. */
export async function bootstrapFirstAdmin(deps: Deps): Promise<UserRow | null> {
  return insertActive(deps, { email: deps.config.adminEmail, role: ADMIN_ROLE }, "bootstrapAdmin", sql`NOT EXISTS (SELECT 1 FROM users)`);
}
