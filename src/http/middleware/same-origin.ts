// CSRF protection (CONTRACT §3): cookie-authenticated state changes must come from the app's own origin.
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_COOKIE } from "../../auth/sessions.ts";
import type { AppEnv } from "../env.ts";
import { errorBody } from "../error-status.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const sameOriginForCookies = createMiddleware<AppEnv>(async (c, next) => {
  const usesCookie = getCookie(c, SESSION_COOKIE) !== undefined && !/^Bearer\s/i.test(c.req.header("Authorization") ?? "");
  if (SAFE_METHODS.has(c.req.method) || !usesCookie) return next();
  const site = c.req.header("Sec-Fetch-Site");
  const origin = c.req.header("Origin");
  const allowed = site !== undefined ? site === "same-origin" : origin !== undefined && origin === new URL(c.var.deps.config.publicUrl).origin;
  if (!allowed) {
    return c.json(errorBody("CROSS_SITE_REQUEST", "This request did not come from this site; reload the page and try again."), 403);
  }
  return next();
});
