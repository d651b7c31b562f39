// Who a validated provider identity signs in as: the decision table behind /auth/sso/callback.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { invitations, users } from "../../db/schema.ts";
import { completeSsoSignIn, type SsoIdentity } from "../../src/core/auth/sso-sign-in.ts";
import { DAY } from "../../src/core/clock.ts";
import { hashToken } from "../../src/core/tokens.ts";
import { deleteUser } from "../../src/core/users/commands.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser } from "../support/users.ts";

const SSO_ENV = { AUTH_MODE: "sso", SSO_ISSUER: "https://idp.example.com", SSO_CLIENT_ID: "gatehouse", SSO_SIGNUP_DOMAINS: "self.example=guest" };

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function setup() {
  const t = await testDeps(SSO_ENV);
  cleanup = () => t.database.close();
  const row = (email: string) => t.deps.db.select().from(users).where(eq(users.email, email)).get();
  const link = (email: string, subject: string) => t.deps.db.update(users).set({ ssoSubject: subject }).where(eq(users.email, email));
  return { ...t, row, link };
}

const identity = (email: string | null, over: Partial<SsoIdentity> = {}): SsoIdentity => ({
  subject: `sub-${email}`,
  email,
  emailVerified: true,
  username: null,
  name: null,
  ...over,
});

const FRONT_DOOR = { invitation: null };
/** A flow started from the invitation seedUser made for a pending user. */
const fromInvitation = async (userId: string) => ({ invitation: { userId, tokenHash: await hashToken(`seed-${userId}`) } });

describe("completing an SSO sign-in", () => {
  it("refuses an email that is missing or unverified", async () => {
    const { deps, clock } = await setup();
    await seedUser(deps, { email: "a@example.com" });
    expect(await completeSsoSignIn(deps, identity("a@example.com", { emailVerified: false }), FRONT_DOOR)).toEqual({ refused: "EMAIL_NOT_VERIFIED" });
    expect(await completeSsoSignIn(deps, identity(null), FRONT_DOOR)).toEqual({ refused: "EMAIL_NOT_VERIFIED" });
  });

  it("accepts an invitation only for its own email, once, and while it is live", async () => {
    const { deps, clock, row } = await setup();
    const invited = await seedUser(deps, { email: "inv@example.com", status: "pending" });
    const flow = await fromInvitation(invited.id);
    expect(await completeSsoSignIn(deps, identity("other@example.com"), flow)).toEqual({ refused: "EMAIL_MISMATCH" });
    expect(await completeSsoSignIn(deps, identity("inv@example.com", { username: "inv", name: "Inv" }), flow)).toEqual({ userId: invited.id });
    expect(await row("inv@example.com")).toMatchObject({ status: "active", ssoSubject: "sub-inv@example.com", username: "inv", displayName: "Inv" });
    expect(await completeSsoSignIn(deps, identity("inv@example.com"), flow)).toEqual({ refused: "INVITATION_INVALID" });

    const late = await seedUser(deps, { email: "late@example.com", status: "pending" });
    clock.advance(7 * DAY);
    expect(await completeSsoSignIn(deps, identity("late@example.com"), await fromInvitation(late.id))).toEqual({ refused: "INVITATION_INVALID" });
    expect(await row("late@example.com")).toMatchObject({ status: "pending", ssoSubject: null });
  });

  it("refuses to link a provider account that already belongs to another user", async () => {
    const { deps, clock, link, row } = await setup();
    await seedUser(deps, { email: "owner@example.com" });
    await link("owner@example.com", "shared-sub");
    const invited = await seedUser(deps, { email: "new@example.com", status: "pending" });
    const result = await completeSsoSignIn(deps, identity("new@example.com", { subject: "shared-sub" }), await fromInvitation(invited.id));
    expect(result).toEqual({ refused: "SUBJECT_CONFLICT" });
    expect(await row("new@example.com")).toMatchObject({ status: "pending" });
    expect(await deps.db.select().from(invitations).where(eq(invitations.userId, invited.id)).all()).toHaveLength(1);
  });

  it("matches returning users by subject first, and refuses suspended ones", async () => {
    const { deps, clock, link } = await setup();
    const bo = await seedUser(deps, { email: "bo@example.com" });
    await link("bo@example.com", "sub-bo");
    expect(await completeSsoSignIn(deps, identity("changed@example.com", { subject: "sub-bo" }), FRONT_DOOR)).toEqual({ userId: bo.id });
    await seedUser(deps, { email: "sus@example.com", status: "suspended" });
    await link("sus@example.com", "sub-sus");
    expect(await completeSsoSignIn(deps, identity("sus@example.com", { subject: "sub-sus" }), FRONT_DOOR)).toEqual({ refused: "SUSPENDED" });
    expect(await completeSsoSignIn(deps, identity("sus@example.com", { subject: "sub-new" }), FRONT_DOOR)).toEqual({ refused: "SUBJECT_CONFLICT" });
  });

  it("refuses an email whose account is linked to a different provider account", async () => {
    const { deps, clock, link } = await setup();
    await seedUser(deps, { email: "cy@example.com" });
    await link("cy@example.com", "sub-original");
    expect(await completeSsoSignIn(deps, identity("cy@example.com", { subject: "sub-impostor" }), FRONT_DOOR)).toEqual({ refused: "SUBJECT_CONFLICT" });
  });

  it("signs up only on a configured domain, with its role, and never brings back a deleted account", async () => {
    const { deps, clock, row } = await setup();
    expect(await completeSsoSignIn(deps, identity("x@elsewhere.example"), FRONT_DOOR)).toEqual({ refused: "NOT_INVITED" });
    expect(await row("x@elsewhere.example")).toBeUndefined();

    await seedUser(deps, { email: "taken@example.com" });
    await deps.db.update(users).set({ username: "dee" }).where(eq(users.email, "taken@example.com"));
    const created = await completeSsoSignIn(deps, identity("dee@self.example", { username: "dee" }), FRONT_DOOR);
    expect(created).toEqual({ userId: expect.any(String) });
    expect(await row("dee@self.example")).toMatchObject({ role: "guest", status: "active", ssoSubject: "sub-dee@self.example", username: null });

    const admin = await seedUser(deps, { role: "admin" });
    await deleteUser(deps, admin.id, (created as { userId: string }).userId);
    expect(await completeSsoSignIn(deps, identity("dee@self.example"), FRONT_DOOR)).toEqual({ refused: "NOT_INVITED" });
    expect(await row("dee@self.example")).toBeUndefined();
  });
});
