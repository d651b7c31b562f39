// The invitation landing page and its acceptance (email-link mode; SSO mode hands over to the provider).
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { invitations } from "../../../db/schema.ts";
import { hashToken } from "../../core/tokens.ts";
import { acceptInvitation, INSTANCE_NAME } from "../../core/users/invitations.ts";
import type { AppEnv } from "../env.ts";
import { confirmPage, linkInvalidPage } from "../pages.ts";

export const invitationRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) => {
    const { db, clock } = c.var.deps;
    const invitation = await db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, await hashToken(c.req.param("token"))))
      .get();
    if (!invitation || invitation.expiresAt <= clock.now()) return c.html(linkInvalidPage("invitation"), 400);
    return c.html(
      confirmPage({
        title: `You're invited to ${INSTANCE_NAME}`,
        intro: "Continue to accept the invitation and sign in.",
        welcome: invitation.welcomeMessage,
        action: `${c.req.path}/accept`,
        button: "Continue",
      }),
    );
  })
  .post("/:token/accept", async (c) => {
    const { sessions } = c.var.deps;
    const userId = await acceptInvitation(c.var.deps, c.req.param("token"));
    if (!userId) return c.html(linkInvalidPage("invitation"), 400);
    c.header("Set-Cookie", sessions.cookie(await sessions.create(userId)));
    return c.redirect("/", 303);
  });
