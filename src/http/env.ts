// The Hono environment shared by every route: injected dependencies and the caller's session.
import type { Sessions, SessionUser } from "../auth/sessions.ts";
import type { Deps } from "../core/deps.ts";

export interface AppDeps extends Deps {
  sessions: Sessions;
}

export interface Auth {
  user: SessionUser;
  sessionId: string;
  via: "cookie" | "bearer";
}

export interface AppEnv {
  Variables: { deps: AppDeps; auth: Auth | null };
}
