// The invitation landing page and its acceptance: email-link mode signs in here; sso mode hands over to the provider.
import { Hono, type Context } from "hono";
import { hashToken } from "../../core/tokens.ts";
import { acceptInvitation, getLiveInvitation, INSTANCE_NAME } from "../../core/users/invitations.ts";
import type { AppEnv } from "../env.ts";
import { confirmPage, linkInvalidPage } from "../pages.ts";
import { startSsoFlow } from "./sso.ts";

/** One answer for unknown, expired, revoked and used tokens, so nothing about accounts leaks. */
const invalid = (c: Context<AppEnv>) => c.html(linkInvalidPage("invitation"), 400);

export const invitationRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) => {
    const invitation = await getLiveInvitation(c.var.deps, c.req.param("token"));
    if (!invitation) return invalid(c);
    // Accepting replaces this browser's session: say so before someone signed in as another account continues.
    const current = c.var.auth?.user;
    const note = current && current.id !== invitation.userId
      ? `You are signed in as ${current.email} in this browser. Continuing signs you out of that account and into the invited one.`
      : null;
    return c.html(
      confirmPage({
        title: `You're invited to ${INSTANCE_NAME}`,
        intro: "Continue to accept the invitation and sign in.",
        welcome: invitation.welcomeMessage,
        note,
        action: `${c.req.path}/accept`,
        button: "Continue",
      }),
    );
  })
  .post("/:token/accept", async (c) => {
    const deps = c.var.deps;
    const token = c.req.param("token");
    if (deps.config.authMode === "sso") {
      // The invitation is used up only when the provider returns the invited, verified email.
      const invitation = await getLiveInvitation(deps, token);
      if (!invitation) return invalid(c);
      return startSsoFlow(c, { userId: invitation.userId, tokenHash: await hashToken(token) }, invitation.email);
    }
    const userId = await acceptInvitation(deps, token);
    if (!userId) return invalid(c);
    c.header("Set-Cookie", deps.sessions.cookie(await deps.sessions.create(userId)));
    return c.redirect("/", 303);
  });
