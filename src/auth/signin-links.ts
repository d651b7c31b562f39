// One-time sign-in links (CONTRACT §3): 15 minutes, single use, stored hashed.
import { sql } from "drizzle-orm";
import { signinLinks } from "../../db/schema.ts";
import type { Db } from "../db/types.ts";
import { MINUTE, type Clock } from "../core/clock.ts";
import { generateToken, hashToken } from "../core/tokens.ts";

export const SIGNIN_LINK_TTL = 15 * MINUTE;

export async function createSigninLink(db: Db, clock: Clock, publicUrl: string, userId: string): Promise<string> {
  const token = generateToken();
  const now = clock.now();
  await db.insert(signinLinks).values({ tokenHash: await hashToken(token), userId, expiresAt: now + SIGNIN_LINK_TTL, createdAt: now });
  return `${publicUrl}/auth/link/${token}`;
}

/** The one meaning of a usable link: unexpired, unused, and its user active. */
const usable = async (clock: Clock, token: string) => sql`
  token_hash = ${await hashToken(token)} AND expires_at > ${clock.now()}
  AND user_id IN (SELECT id FROM users WHERE status = 'active')`;

/** Whether the link would sign in now, without using it (the GET page). */
export async function isSigninLinkUsable(db: Db, clock: Clock, token: string): Promise<boolean> {
  return (await db.all(sql`SELECT 1 FROM signin_links WHERE ${await usable(clock, token)}`)).length > 0;
}

/** Uses the link up in one statement, so two racing clicks cannot both sign in. */
export async function consumeSigninLink(db: Db, clock: Clock, token: string): Promise<string | null> {
  const rows = await db.all<{ user_id: string }>(sql`DELETE FROM signin_links WHERE ${await usable(clock, token)} RETURNING user_id`);
  return rows[0]?.user_id ?? null;
}
