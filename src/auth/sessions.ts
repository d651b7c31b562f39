// Sessions, kept behind this one module because Lucia v3 is in maintenance mode upstream.
// Lucia only ever sees the SHA-256 of a token as the session id: a database leak reveals no usable token.
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { sessions, users } from "../../db/schema.ts";
import type { Db } from "../db/types.ts";
import type { Role, Status } from "../core/policy.ts";
import { generateToken, hashToken } from "../core/tokens.ts";

export const SESSION_COOKIE = "gatehouse_session";
export const DEFAULT_SESSION_TTL_SECONDS = 30 * 24 * 3600;
const MAX_TTL_SECONDS = 366 * 24 * 3600;

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  status: Status;
  lastActiveAt: number | null;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  /** Set when the sliding expiry moved: browsers need a fresh cookie. */
  refreshedCookie: string | null;
}

function createLucia(db: Db, ttlSeconds: number, secure: boolean) {
  const adapter = new DrizzleSQLiteAdapter(db as never, sessions, users);
  return new Lucia(adapter, {
    sessionExpiresIn: new TimeSpan(ttlSeconds, "s"),
    sessionCookie: { name: SESSION_COOKIE, attributes: { secure, sameSite: "lax" } },
    getUserAttributes: (a: Record<string, unknown>) => ({
      email: a.email as string,
      role: a.role as Role,
      status: a.status as Status,
      lastActiveAt: a.lastActiveAt as number | null,
    }),
  });
}

/**
 * Tokens with a non-default inactivity expiry (CLI `token:create --ttl`) carry it after a dot, so the
 * right sliding window is known before the lookup; the hash covers it, so it cannot be altered.
 */
function ttlOf(token: string): number | null {
  const [, ttl, extra] = token.split(".");
  if (extra !== undefined) return null;
  if (ttl === undefined) return DEFAULT_SESSION_TTL_SECONDS;
  const seconds = /^\d{1,9}$/.test(ttl) ? Number(ttl) : 0;
  return seconds >= 60 && seconds <= MAX_TTL_SECONDS ? seconds : null;
}

export function createSessions(db: Db, options: { secureCookies: boolean }) {
  const instances = new Map<number, ReturnType<typeof createLucia>>();
  const luciaFor = (ttl: number) => {
    let lucia = instances.get(ttl);
    if (!lucia) instances.set(ttl, (lucia = createLucia(db, ttl, options.secureCookies)));
    return lucia;
  };
  const lucia = luciaFor(DEFAULT_SESSION_TTL_SECONDS);

  return {
    /** Starts a session and returns its token: the only time the token exists outside the client. */
    async create(userId: string, ttlSeconds = DEFAULT_SESSION_TTL_SECONDS): Promise<string> {
      if (ttlSeconds < 60 || ttlSeconds > MAX_TTL_SECONDS) throw new RangeError("ttl must be between 60 s and 366 days");
      const token = ttlSeconds === DEFAULT_SESSION_TTL_SECONDS ? generateToken() : `${generateToken()}.${ttlSeconds}`;
      await luciaFor(ttlSeconds).createSession(userId, {}, { sessionId: await hashToken(token) });
      return token;
    },

    /** The session's user if the token is live and the account active; slides the expiry. */
    async validate(token: string): Promise<ValidSession | null> {
      const ttl = ttlOf(token);
      if (ttl === null || token.length > 128) return null;
      const { session, user: found } = await luciaFor(ttl).validateSession(await hashToken(token));
      const user = found as unknown as SessionUser | null;
      if (!session || !user || user.status !== "active") return null;
      const refreshedCookie = session.fresh ? luciaFor(ttl).createSessionCookie(token).serialize() : null;
      return { sessionId: session.id, user, refreshedCookie };
    },

    async end(sessionId: string): Promise<void> {
      await lucia.invalidateSession(sessionId);
    },

    cookie(token: string): string {
      return lucia.createSessionCookie(token).serialize();
    },

    blankCookie(): string {
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
