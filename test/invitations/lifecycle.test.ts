// The invitation lifecycle in email-link mode: landing, single use, expiry, resend, revoke, duplicates.
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { auditLog, invitations, sessions, users } from "../../db/schema.ts";
import { DAY } from "../../src/core/clock.ts";
import { TestClock } from "../support/deps.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start() {
  const clock = new TestClock();
  server = await startTestServer({ clock });
  const admin = await server.actor({ role: "admin", displayName: "Olga" });
  return { s: server, clock, admin };
}

const accept = (link: string) => fetch(`${link}/accept`, { method: "POST", redirect: "manual" });

/** Everything a visitor can observe about a response, except its Date. */
async function observable(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== "date");
  return { status: response.status, headers, body: await response.text() };
}

describe("accepting an invitation by its emailed link", () => {
  it("warns a browser signed in as someone else that continuing switches accounts", async () => {
    const { s, admin } = await start();
    await admin.client.users.invite.mutate({ email: "bo@example.com", role: "guest" });
    const link = s.mail.linkTo("bo@example.com");
    const asAdmin = await (await fetch(link, { headers: { cookie: `gatehouse_session=${admin.token}` } })).text();
    expect(asAdmin).toContain(`You are signed in as ${admin.email} in this browser`);
    expect(await (await fetch(link)).text()).not.toContain("You are signed in as");
  });

  it("shows the welcome message, then activates the account with the invited role and signs it in", async () => {
    const { s, admin } = await start();
    await admin.client.users.invite.mutate({ email: "ana@example.com", role: "manager", welcomeMessage: "Hello <Ana>" });
    const link = s.mail.linkTo("ana@example.com");
    const landing = await fetch(link);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain("Hello &lt;Ana&gt;");
    expect(await s.deps.db.select().from(users).where(eq(users.email, "ana@example.com")).get()).toMatchObject({ status: "pending" });

    const accepted = await accept(link);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("Location")).toBe("/");
    const cookie = accepted.headers.getSetCookie().find((c) => c.startsWith("gatehouse_session="))!;
    const ana = await s.deps.db.select().from(users).where(eq(users.email, "ana@example.com")).get();
    expect(ana).toMatchObject({ status: "active", role: "manager" });
    expect(await s.deps.db.select().from(invitations).where(eq(invitations.userId, ana!.id)).all()).toEqual([]);
    const me = await fetch(`${s.url}/trpc/me.get`, { headers: { Cookie: cookie.split(";")[0]! } });
    expect(((await me.json()) as { result: { data: { role: string } } }).result.data.role).toBe("manager");
  });

  it("answers unknown, expired, revoked, used and replaced tokens identically", async () => {
    const { s, admin, clock } = await start();
    const invite = async (email: string) => {
      const { user } = await admin.client.users.invite.mutate({ email, role: "guest" });
      return { id: user.id, link: s.mail.linkTo(email) };
    };
    const expired = await invite("expired@example.com");
    clock.advance(7 * DAY);
    const revoked = await invite("revoked@example.com");
    await admin.client.users.revokeInvite.mutate({ id: revoked.id });
    const used = await invite("used@example.com");
    expect((await accept(used.link)).status).toBe(303);
    const replaced = await invite("replaced@example.com");
    await admin.client.users.resendInvite.mutate({ id: replaced.id });
    const unknown = `${s.url}/invite/${"a".repeat(32)}`;

    const links = [unknown, expired.link, revoked.link, used.link, replaced.link];
    const landings = await Promise.all(links.map(async (l) => observable(await fetch(l))));
    const accepts = await Promise.all(links.map(async (l) => observable(await accept(l))));
    expect(landings[0]!.status).toBe(400);
    expect(accepts[0]!.status).toBe(400);
    for (const answer of [...landings, ...accepts]) expect(answer).toEqual(landings[0]);
    expect(await s.deps.db.select().from(users).where(eq(users.email, "expired@example.com")).get()).toMatchObject({ status: "pending" });
  });

  it("expires after exactly seven days by the injected clock", async () => {
    const { s, admin, clock } = await start();
    await admin.client.users.invite.mutate({ email: "early@example.com", role: "guest" });
    await admin.client.users.invite.mutate({ email: "late@example.com", role: "guest" });
    clock.advance(7 * DAY - 1);
    expect((await accept(s.mail.linkTo("early@example.com"))).status).toBe(303);
    clock.advance(1);
    expect((await fetch(s.mail.linkTo("late@example.com"))).status).toBe(400);
    expect((await accept(s.mail.linkTo("late@example.com"))).status).toBe(400);
  });

  it("resends with a new token that works, also after expiry, while the old one is dead", async () => {
    const { s, admin, clock } = await start();
    const { user } = await admin.client.users.invite.mutate({ email: "res@example.com", role: "default" });
    const old = s.mail.linkTo("res@example.com");
    clock.advance(8 * DAY);
    await admin.client.users.resendInvite.mutate({ id: user.id });
    const fresh = s.mail.linkTo("res@example.com");
    expect(fresh).not.toBe(old);
    expect((await accept(old)).status).toBe(400);
    expect((await accept(fresh)).status).toBe(303);
  });

  it("invites again after expiry on the same pending row, with the new details; a live invitation is a CONFLICT", async () => {
    const { s, admin, clock } = await start();
    const { user } = await admin.client.users.invite.mutate({ email: "again@example.com", role: "guest" });
    const old = s.mail.linkTo("again@example.com");
    const live = await admin.client.users.invite.mutate({ email: "again@example.com", role: "default" }).catch((e: unknown) => e);
    expect(live).toMatchObject({ data: { code: "CONFLICT", reason: "EMAIL_TAKEN" } });

    clock.advance(7 * DAY);
    const { user: again } = await admin.client.users.invite.mutate({ email: "AGAIN@example.com", role: "default", welcomeMessage: "Second try" });
    expect(again).toMatchObject({ id: user.id, role: "default", status: "pending" });
    expect(await s.deps.db.select().from(users).where(eq(users.email, "again@example.com")).all()).toHaveLength(1);
    const fresh = s.mail.linkTo("again@example.com");
    expect(fresh).not.toBe(old);
    expect((await accept(old)).status).toBe(400);
    expect(await (await fetch(fresh)).text()).toContain("Second try");
    expect((await accept(fresh)).status).toBe(303);
    expect(await s.deps.db.select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ status: "active", role: "default" });
  });

  it("does not let a manager take over an expired invitation of a role it may not grant", async () => {
    const { s, admin, clock } = await start();
    await admin.client.users.invite.mutate({ email: "boss@example.com", role: "admin" });
    const manager = await s.actor({ role: "manager" });
    clock.advance(7 * DAY);
    const error = await manager.client.users.invite.mutate({ email: "boss@example.com", role: "guest" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "CONFLICT", reason: "EMAIL_TAKEN" } });
    expect(await s.deps.db.select().from(users).where(eq(users.email, "boss@example.com")).get()).toMatchObject({ role: "admin", status: "pending" });
  });

  it("revokes by removing the pending account and its invitation", async () => {
    const { s, admin } = await start();
    const { user } = await admin.client.users.invite.mutate({ email: "rev@example.com", role: "guest" });
    await admin.client.users.revokeInvite.mutate({ id: user.id });
    expect(await s.deps.db.select().from(users).where(eq(users.id, user.id)).all()).toEqual([]);
    expect(await s.deps.db.select().from(invitations).where(eq(invitations.userId, user.id)).all()).toEqual([]);
    expect((await accept(s.mail.linkTo("rev@example.com"))).status).toBe(400);
  });

  it("refuses a second invitation or account for the same email in any letter case", async () => {
    const { s, admin } = await start();
    await admin.client.users.invite.mutate({ email: "Dup@Example.com", role: "guest" });
    for (const email of ["dup@example.com", "  DUP@EXAMPLE.COM ", admin.email.toUpperCase()]) {
      const error = await admin.client.users.invite.mutate({ email, role: "guest" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ data: { code: "CONFLICT", reason: "EMAIL_TAKEN" } });
    }
    expect(await s.deps.db.select().from(users).where(eq(users.email, "dup@example.com")).all()).toHaveLength(1);
    expect(s.mail.sent.filter((m) => m.to === "dup@example.com")).toHaveLength(1);
  });

  it("leaves one audit entry and one session for an accepted invitation", async () => {
    const { s, admin } = await start();
    const { user } = await admin.client.users.invite.mutate({ email: "one@example.com", role: "guest" });
    const link = s.mail.linkTo("one@example.com");
    const answers = await Promise.all([accept(link), accept(link), accept(link)]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 400, 400]);
    expect(await s.deps.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1);
    expect(await s.deps.db.select().from(auditLog).where(eq(auditLog.action, "acceptInvitation")).all()).toHaveLength(1);
  });
});
