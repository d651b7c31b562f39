// Finds the caller's session from a bearer token or the session cookie; never refuses by itself.
import { eq } from "drizzle-orm";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { users } from "../../../db/schema.ts";
import { MINUTE } from "../../core/clock.ts";
import { SESSION_COOKIE } from "../../auth/sessions.ts";
import type { AppEnv } from "../env.ts";

/** lastActiveAt is kept to this precision, so an active user costs one write per window, not per request. */
const ACTIVITY_PRECISION = 5 * MINUTE;

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { sessions, db, clock } = c.var.deps;
  const header = c.req.header("Authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  const found = token ? await sessions.validate(token) : null;
  c.set("auth", found ? { user: found.user, sessionId: found.sessionId, via: bearer ? "bearer" : "cookie" } : null);

  if (found) {
    const now = clock.now();
    if (found.user.lastActiveAt === null || now - found.user.lastActiveAt > ACTIVITY_PRECISION) {
      await db.update(users).set({ lastActiveAt: now }).where(eq(users.id, found.user.id));
    }
  }
  await next();
  if (found?.refreshedCookie && !bearer) c.res.headers.append("Set-Cookie", found.refreshedCookie);
});
