// SSO end to end: Gatehouse's Hono app against a real OpenID provider, both on 127.0.0.1.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, invitations, sessions, ssoFlows, users } from "../../db/schema.ts";
import { DAY } from "../../src/core/clock.ts";
import { TestClock } from "../support/deps.ts";
import { Browser } from "./support/browser.ts";
import { continueInvitation, signInAtProvider, startSsoSetup, type SsoSetup } from "./support/sso-setup.ts";

let setup: SsoSetup | undefined;
afterEach(async () => {
  await setup?.stop();
  setup = undefined;
});

async function start(options: Parameters<typeof startSsoSetup>[0] = {}) {
  setup = await startSsoSetup(options);
  const admin = await setup.server.actor({ role: "admin" });
  return { ...setup, admin, db: setup.server.deps.db };
}

const userByEmail = (s: { db: SsoSetup["server"]["deps"]["db"] }, email: string) => s.db.select().from(users).where(eq(users.email, email)).get();

/** Invites `email`, opens the mailed link and presses Continue: returns the provider's authorization URL. */
async function inviteAndContinue(s: Awaited<ReturnType<typeof start>>, browser: Browser, email: string, role: "default" | "guest" | "manager" = "guest") {
  await s.admin.client.users.invite.mutate({ email, role, welcomeMessage: "Welcome aboard" });
  const toProvider = await continueInvitation(browser, s.server.mail.linkTo(email.toLowerCase()));
  expect(toProvider.status).toBe(303);
  const location = toProvider.headers.get("Location")!;
  expect(location.startsWith(s.provider.issuer)).toBe(true);
  return location;
}

async function callback(browser: Browser, url: string) {
  const response = await browser.request(url);
  await response.body?.cancel();
  return response;
}

const sessionCookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("gatehouse_session="));

describe("SSO sign-in through an invitation", () => {
  it("takes the invitee from the email through the provider to an active account with a session", async () => {
    const s = await start();
    s.provider.accounts.set("sub-ana", { email: "Ana@Example.com", email_verified: true, preferred_username: "ana", name: "Ana A." });
    const browser = new Browser();
    const authorizationUrl = await inviteAndContinue(s, browser, "ana@example.com", "manager");
    const params = new URL(authorizationUrl).searchParams;
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("nonce")).toBeTruthy();
    expect(params.get("login_hint")).toBe("ana@example.com");

    const back = await callback(browser, await signInAtProvider(browser, authorizationUrl, "sub-ana", s.publicUrl));
    expect(back.status).toBe(303);
    expect(back.headers.get("Location")).toBe("/");
    expect(sessionCookieOf(back)).toMatch(/HttpOnly/i);

    const ana = await userByEmail(s, "ana@example.com");
    expect(ana).toMatchObject({ status: "active", role: "manager", ssoSubject: "sub-ana", username: "ana", displayName: "Ana A." });
    expect(await s.db.select().from(invitations).where(eq(invitations.userId, ana!.id)).all()).toEqual([]);
    expect(await s.db.select().from(ssoFlows).all()).toEqual([]);

    // The browser is signed in: its cookie opens a tRPC query as Ana.
    const me = await browser.request(`${s.publicUrl}/trpc/me.get`);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { id: string } } }).result.data.id).toBe(ana!.id);
  });

  it("leaves out provider names that the API would refuse, and still signs the invitee in", async () => {
    const s = await start();
    s.provider.accounts.set("sub-eve", { email: "eve@example.com", email_verified: true, preferred_username: "eve\u0000root", name: "\u202eevil" });
    const browser = new Browser();
    const back = await callback(browser, await signInAtProvider(browser, await inviteAndContinue(s, browser, "eve@example.com"), "sub-eve", s.publicUrl));
    expect(back.status).toBe(303);
    expect(await userByEmail(s, "eve@example.com")).toMatchObject({ status: "active", username: null, displayName: null });
  });

  it("signs a returning user in by subject first, even after the provider's email changed", async () => {
    const s = await start();
    s.provider.accounts.set("sub-bo", { email: "bo@example.com", email_verified: true });
    const first = new Browser();
    await callback(first, await signInAtProvider(first, await inviteAndContinue(s, first, "bo@example.com"), "sub-bo", s.publicUrl));
    const bo = (await userByEmail(s, "bo@example.com"))!;

    s.provider.accounts.set("sub-bo", { email: "bo.renamed@example.com", email_verified: true });
    const later = new Browser();
    const start2 = await later.request(`${s.publicUrl}/auth/sso/start`);
    expect(start2.status).toBe(302);
    const back = await callback(later, await signInAtProvider(later, start2.headers.get("Location")!, "sub-bo", s.publicUrl));
    expect(back.status).toBe(303);
    expect(sessionCookieOf(back)).toBeDefined();
    expect(await s.db.select().from(sessions).where(eq(sessions.userId, bo.id)).all()).toHaveLength(2);
    expect(await userByEmail(s, "bo.renamed@example.com")).toBeUndefined();
  });

  it("refuses a provider account whose verified email differs from the invitation's, and keeps the invitation", async () => {
    const s = await start();
    s.provider.accounts.set("sub-eve", { email: "eve@example.com", email_verified: true });
    const browser = new Browser();
    const back = await callback(browser, await signInAtProvider(browser, await inviteAndContinue(s, browser, "cy@example.com"), "sub-eve", s.publicUrl));
    expect(back.status).toBe(403);
    expect(sessionCookieOf(back)).toBeUndefined();
    const cy = await userByEmail(s, "cy@example.com");
    expect(cy).toMatchObject({ status: "pending", ssoSubject: null });
    expect(await s.db.select().from(invitations).where(eq(invitations.userId, cy!.id)).all()).toHaveLength(1);
    expect(await userByEmail(s, "eve@example.com")).toBeUndefined();
  });

  it("refuses an email the provider has not verified", async () => {
    const s = await start();
    s.provider.accounts.set("sub-dee", { email: "dee@example.com", email_verified: false });
    const browser = new Browser();
    const back = await callback(browser, await signInAtProvider(browser, await inviteAndContinue(s, browser, "dee@example.com"), "sub-dee", s.publicUrl));
    expect(back.status).toBe(403);
    expect(sessionCookieOf(back)).toBeUndefined();
    expect(await userByEmail(s, "dee@example.com")).toMatchObject({ status: "pending", ssoSubject: null });
  });

  it("accepts Entra ID's xms_edov in place of email_verified, and nothing else", async () => {
    const s = await start();
    s.provider.accounts.set("sub-entra", { email: "ent@example.com", xms_edov: true });
    s.provider.accounts.set("sub-bare", { email: "bare@example.com" });
    const one = new Browser();
    const ok = await callback(one, await signInAtProvider(one, await inviteAndContinue(s, one, "ent@example.com"), "sub-entra", s.publicUrl));
    expect(ok.status).toBe(303);
    const two = new Browser();
    const refused = await callback(two, await signInAtProvider(two, await inviteAndContinue(s, two, "bare@example.com"), "sub-bare", s.publicUrl));
    expect(refused.status).toBe(403);
    expect(await userByEmail(s, "bare@example.com")).toMatchObject({ status: "pending" });
  });

  it("answers a sign-in cancelled at the provider with 400 and keeps the invitation", async () => {
    const s = await start();
    const browser = new Browser();
    const state = new URL(await inviteAndContinue(s, browser, "can@example.com")).searchParams.get("state")!;
    const cancelled = await callback(browser, `${s.publicUrl}/auth/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(s.provider.issuer)}`);
    expect(cancelled.status).toBe(400);
    expect(sessionCookieOf(cancelled)).toBeUndefined();
    expect(await userByEmail(s, "can@example.com")).toMatchObject({ status: "pending" });
    expect(await s.db.select().from(ssoFlows).all()).toEqual([]);
  });

  it("answers 502 while the provider cannot be reached, and keeps the invitation", async () => {
    const s = await start();
    await s.provider.stop();
    const browser = new Browser();
    await s.admin.client.users.invite.mutate({ email: "off@example.com", role: "guest" });
    const answer = await continueInvitation(browser, s.server.mail.linkTo("off@example.com"));
    expect(answer.status).toBe(502);
    expect((await browser.request(`${s.publicUrl}/auth/sso/start`)).status).toBe(502);
    expect(await s.db.select().from(ssoFlows).all()).toEqual([]);
    expect(await userByEmail(s, "off@example.com")).toMatchObject({ status: "pending" });
    expect(s.server.log.errors.length).toBeGreaterThan(0);
  });

  it("refuses a replayed callback: the state works once", async () => {
    const s = await start();
    s.provider.accounts.set("sub-fay", { email: "fay@example.com", email_verified: true });
    const browser = new Browser();
    const callbackUrl = await signInAtProvider(browser, await inviteAndContinue(s, browser, "fay@example.com"), "sub-fay", s.publicUrl);
    const stateCookie = browser.cookie(s.publicUrl, "gatehouse_sso_state");
    expect((await callback(browser, callbackUrl)).status).toBe(303);

    // Even with the state cookie put back, the flow is gone.
    const replay = await fetch(callbackUrl, { redirect: "manual", headers: { Cookie: `gatehouse_sso_state=${stateCookie}` } });
    expect(replay.status).toBe(400);
    expect(sessionCookieOf(replay)).toBeUndefined();
    const fay = (await userByEmail(s, "fay@example.com"))!;
    expect(await s.db.select().from(sessions).where(eq(sessions.userId, fay.id)).all()).toHaveLength(1);
  });

  it.each([
    ["nonce", { nonce: "not-the-nonce-sent" }],
    ["PKCE verifier", { codeVerifier: "not-the-verifier-whose-challenge-was-sent-0123456789abcdef" }],
  ])("refuses the callback when the flow's %s does not match what the provider saw", async (_, tampered) => {
    const s = await start();
    s.provider.accounts.set("sub-nat", { email: "nat@example.com", email_verified: true });
    const browser = new Browser();
    const callbackUrl = await signInAtProvider(browser, await inviteAndContinue(s, browser, "nat@example.com"), "sub-nat", s.publicUrl);
    await s.db.update(ssoFlows).set(tampered);
    const back = await callback(browser, callbackUrl);
    expect(back.status).toBe(400);
    expect(sessionCookieOf(back)).toBeUndefined();
    expect(await userByEmail(s, "nat@example.com")).toMatchObject({ status: "pending" });
  });

  it("refuses a callback opened in a browser that did not start the flow", async () => {
    const s = await start();
    s.provider.accounts.set("sub-gus", { email: "gus@example.com", email_verified: true });
    const browser = new Browser();
    const callbackUrl = await signInAtProvider(browser, await inviteAndContinue(s, browser, "gus@example.com"), "sub-gus", s.publicUrl);
    const planted = await fetch(callbackUrl, { redirect: "manual" });
    expect(planted.status).toBe(400);
    expect(await userByEmail(s, "gus@example.com")).toMatchObject({ status: "pending" });
  });

  it("refuses an expired invitation, before and after the provider", async () => {
    const clock = new TestClock();
    const s = await start({ clock });
    s.provider.accounts.set("sub-hal", { email: "hal@example.com", email_verified: true });
    const browser = new Browser();
    await s.admin.client.users.invite.mutate({ email: "hal@example.com", role: "guest" });
    clock.advance(7 * DAY - 60_000);
    const toProvider = await continueInvitation(browser, s.server.mail.linkTo("hal@example.com"));
    expect(toProvider.status).toBe(303);
    clock.advance(120_000); // the invitation expires while the invitee is at the provider
    const back = await callback(browser, await signInAtProvider(browser, toProvider.headers.get("Location")!, "sub-hal", s.publicUrl));
    expect(back.status).toBe(403);
    expect(await userByEmail(s, "hal@example.com")).toMatchObject({ status: "pending", ssoSubject: null });

    const landing = await browser.request(s.server.mail.linkTo("hal@example.com"));
    expect(landing.status).toBe(400);
    const accept = await browser.request(`${s.server.mail.linkTo("hal@example.com")}/accept`, { method: "POST" });
    expect(accept.status).toBe(400);
  });

  it("refuses a flow started from an invitation that was resent meanwhile, even within the same millisecond", async () => {
    const clock = new TestClock();
    const s = await start({ clock });
    s.provider.accounts.set("sub-ivy", { email: "ivy@example.com", email_verified: true });
    const browser = new Browser();
    const authorizationUrl = await inviteAndContinue(s, browser, "ivy@example.com");
    const ivy = (await userByEmail(s, "ivy@example.com"))!;
    await s.admin.client.users.resendInvite.mutate({ id: ivy.id });
    const back = await callback(browser, await signInAtProvider(browser, authorizationUrl, "sub-ivy", s.publicUrl));
    expect(back.status).toBe(403);
    expect(await userByEmail(s, "ivy@example.com")).toMatchObject({ status: "pending" });
  });
});

describe("SSO sign-in without an invitation", () => {
  async function signInFromFrontDoor(s: Awaited<ReturnType<typeof start>>, login: string) {
    const browser = new Browser();
    const toProvider = await browser.request(`${s.publicUrl}/auth/sso/start`);
    expect(toProvider.status).toBe(302);
    return callback(browser, await signInAtProvider(browser, toProvider.headers.get("Location")!, login, s.publicUrl));
  }

  it("refuses an email nobody invited, and creates no account", async () => {
    const s = await start();
    s.provider.accounts.set("sub-jo", { email: "jo@example.com", email_verified: true });
    const back = await signInFromFrontDoor(s, "sub-jo");
    expect(back.status).toBe(403);
    expect(await userByEmail(s, "jo@example.com")).toBeUndefined();
  });

  it("creates an account with the configured role for a self-sign-up domain", async () => {
    const s = await start({ env: { SSO_SIGNUP_DOMAINS: "example.com=guest" } });
    s.provider.accounts.set("sub-kim", { email: "kim@example.com", email_verified: true });
    s.provider.accounts.set("sub-lou", { email: "lou@elsewhere.org", email_verified: true });
    expect((await signInFromFrontDoor(s, "sub-kim")).status).toBe(303);
    expect(await userByEmail(s, "kim@example.com")).toMatchObject({ status: "active", role: "guest", ssoSubject: "sub-kim" });
    expect((await signInFromFrontDoor(s, "sub-lou")).status).toBe(403);
    expect(await userByEmail(s, "lou@elsewhere.org")).toBeUndefined();
  });

  it("links an active account made without SSO (the first admin) on its first SSO sign-in", async () => {
    const s = await start();
    s.provider.accounts.set("sub-admin", { email: "admin@localhost", email_verified: true });
    const back = await signInFromFrontDoor(s, "sub-admin");
    expect(back.status).toBe(303);
    expect(await userByEmail(s, "admin@localhost")).toMatchObject({ status: "active", role: "admin", ssoSubject: "sub-admin" });
  });

  it("refuses a suspended user, by subject and by email", async () => {
    const s = await start();
    s.provider.accounts.set("sub-max", { email: "max@example.com", email_verified: true });
    const browser = new Browser();
    await callback(browser, await signInAtProvider(browser, await inviteAndContinue(s, browser, "max@example.com"), "sub-max", s.publicUrl));
    const max = (await userByEmail(s, "max@example.com"))!;
    await s.admin.client.users.suspend.mutate({ id: max.id });
    const back = await signInFromFrontDoor(s, "sub-max");
    expect(back.status).toBe(403);
    expect(sessionCookieOf(back)).toBeUndefined();
    expect(await s.db.select().from(sessions).where(eq(sessions.userId, max.id)).all()).toEqual([]);

    const ned = await s.server.seedUser({ email: "ned@example.com", status: "suspended" });
    s.provider.accounts.set("sub-ned", { email: "ned@example.com", email_verified: true });
    expect((await signInFromFrontDoor(s, "sub-ned")).status).toBe(403);
    expect(await userByEmail(s, "ned@example.com")).toMatchObject({ id: ned.id, status: "suspended", ssoSubject: null });
  });

  it("never recreates a deleted user, even on a self-sign-up domain", async () => {
    const s = await start({ env: { SSO_SIGNUP_DOMAINS: "example.com=default" } });
    s.provider.accounts.set("sub-oli", { email: "oli@example.com", email_verified: true });
    const browser = new Browser();
    await callback(browser, await signInAtProvider(browser, await inviteAndContinue(s, browser, "oli@example.com"), "sub-oli", s.publicUrl));
    const oli = (await userByEmail(s, "oli@example.com"))!;
    await s.admin.client.users.delete.mutate({ id: oli.id });

    const back = await signInFromFrontDoor(s, "sub-oli");
    expect(back.status).toBe(403);
    expect(sessionCookieOf(back)).toBeUndefined();
    expect(await userByEmail(s, "oli@example.com")).toBeUndefined();
    expect(await s.db.select().from(auditLog).where(eq(auditLog.action, "ssoSignUp")).all()).toEqual([]);

    // The same provider account under a new address is still the deleted person.
    s.provider.accounts.set("sub-oli", { email: "oliver@example.com", email_verified: true });
    expect((await signInFromFrontDoor(s, "sub-oli")).status).toBe(403);
    expect(await userByEmail(s, "oliver@example.com")).toBeUndefined();
  });

  it("sends a pending invitee who uses the front door through, accepting the invitation", async () => {
    const s = await start();
    s.provider.accounts.set("sub-pia", { email: "pia@example.com", email_verified: true });
    await s.admin.client.users.invite.mutate({ email: "pia@example.com", role: "default" });
    expect((await signInFromFrontDoor(s, "sub-pia")).status).toBe(303);
    expect(await userByEmail(s, "pia@example.com")).toMatchObject({ status: "active", ssoSubject: "sub-pia" });
  });
});
