// CSRF protection (CONTRACT §3): cookie-authenticated state changes must come from the app's own origin,
// and no browser may post a form here from another site (that would sign a visitor into someone else's account).
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_COOKIE } from "../../auth/sessions.ts";
import type { AppEnv } from "../env.ts";
import { errorBody } from "../error-status.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const sameOriginForCookies = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method) || /^Bearer\s/i.test(c.req.header("Authorization") ?? "")) return next();
  const site = c.req.header("Sec-Fetch-Site");
  const origin = c.req.header("Origin");
  const ownOrigin = new URL(c.var.deps.config.publicUrl).origin;
  const sameSite = site !== undefined ? site === "same-origin" : origin === ownOrigin;
  // Without a session cookie, only a request a browser marks as cross-site is refused: scripts send neither header.
  const usesCookie = getCookie(c, SESSION_COOKIE) !== undefined;
  const saysCrossSite = site !== undefined || origin !== undefined;
  if (!sameSite && (usesCookie || saysCrossSite)) {
    return c.json(errorBody("CROSS_SITE_REQUEST", "This request did not come from this site; reload the page and try again."), 403);
  }
  return next();
});
