// Sign-in by one-time link, by email request or by SSO, sign-out, and what the panel's sign-in page needs.
import { Hono } from "hono";
import { consumeSigninLink, isSigninLinkUsable } from "../../auth/signin-links.ts";
import { INSTANCE_NAME } from "../../core/users/invitations.ts";
import type { AppEnv } from "../env.ts";
import { confirmPage, linkInvalidPage } from "../pages.ts";
import { emailLinkRoutes } from "./email-link.ts";
import { ssoRoutes } from "./sso.ts";

export const authRoutes = new Hono<AppEnv>()
  .route("/email-link", emailLinkRoutes)
  .route("/sso", ssoRoutes)
  .get("/config", (c) => c.json({ authMode: c.var.deps.config.authMode, instanceName: INSTANCE_NAME }))
  .get("/link/:token", async (c) => {
    // A dead link says so at once, as the POST would (one answer for every kind of dead link).
    if (!(await isSigninLinkUsable(c.var.deps.db, c.var.deps.clock, c.req.param("token")))) {
      return c.html(linkInvalidPage("sign-in link"), 400);
    }
    return c.html(
      confirmPage({
        title: `Sign in to ${INSTANCE_NAME}`,
        intro: "Press the button to finish signing in. This link works once.",
        action: c.req.path,
        button: "Sign in",
      }),
    );
  })
  .post("/link/:token", async (c) => {
    const { db, clock, sessions } = c.var.deps;
    const userId = await consumeSigninLink(db, clock, c.req.param("token"));
    if (!userId) return c.html(linkInvalidPage("sign-in link"), 400);
    c.header("Set-Cookie", sessions.cookie(await sessions.create(userId)));
    return c.redirect("/", 303);
  })
  .post("/logout", async (c) => {
    const auth = c.var.auth;
    if (auth) await c.var.deps.sessions.end(auth.sessionId);
    c.header("Set-Cookie", c.var.deps.sessions.blankCookie());
    if (c.req.header("Accept")?.includes("application/json")) return c.json({ ok: true });
    return c.redirect("/", 303);
  });
