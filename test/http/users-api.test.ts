// The users API through real HTTP and a typed tRPC client: what an operator's script does.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { hashToken } from "../../src/core/tokens.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
afterEach(() => server?.stop());

describe("the users API over HTTP", () => {
  it("invites a pending user with a hashed, 7-day invitation, mails the link, and audits it", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin", email: "boss@example.com" });
    const { user } = await admin.client.users.invite.mutate({
      email: "  New.Person@Example.COM ",
      displayName: "New Person",
      welcomeMessage: "Hello & welcome",
      role: "manager",
    });
    expect(user).toMatchObject({ email: "new.person@example.com", status: "pending", role: "manager", displayName: "New Person" });
    expect(user.actions.sort()).toEqual(["resendInvite", "revokeInvite"]);
    expect(user.invitation?.sentAt).not.toBeNull();

    const link = server.mail.linkTo("new.person@example.com");
    const token = link.split("/invite/")[1]!;
    const row = await server.deps.db.get<{ token_hash: string; expires_at: number; created_at: number }>(
      sql`SELECT token_hash, expires_at, created_at FROM invitations WHERE user_id = ${user.id}`,
    );
    expect(row!.token_hash).toBe(await hashToken(token));
    expect(row!.expires_at - row!.created_at).toBe(7 * 24 * 3600 * 1000);

    await expect(admin.client.users.invite.mutate({ email: "NEW.person@example.com", role: "guest" })).rejects.toMatchObject({
      data: { code: "CONFLICT", reason: "EMAIL_TAKEN" },
    });
    const audit = await admin.client.audit.list.query({});
    expect(audit.items[0]).toMatchObject({
      action: "invite",
      actorId: admin.id,
      targetId: user.id,
      detail: { email: "new.person@example.com", role: "manager" },
    });
  });

  it("keeps the invitation when the email fails, shows the error, and resends with a new token", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    server.mail.failNext = true;
    const { user } = await admin.client.users.invite.mutate({ email: "flaky@example.com", role: "default" });
    expect(user.invitation).toMatchObject({ sentAt: null });
    expect(user.invitation?.deliveryError).toBeTruthy();

    const resent = await admin.client.users.resendInvite.mutate({ id: user.id });
    expect(resent.user.invitation).toMatchObject({ deliveryError: null });
    const first = server.mail.sent.length;
    await admin.client.users.resendInvite.mutate({ id: user.id });
    expect(server.mail.sent.length).toBe(first + 1);
    const [older, newer] = server.mail.sent.slice(-2).map((m) => m.text.match(/\/invite\/(\S+)/)![1]!);
    expect(older).not.toBe(newer);
    const hashes = await server.deps.db.all<{ token_hash: string }>(sql`SELECT token_hash FROM invitations WHERE user_id = ${user.id}`);
    expect(hashes.map((h) => h.token_hash)).toEqual([await hashToken(newer!)]);
  });

  it("revokes an invitation by removing the pending account", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const { user } = await admin.client.users.invite.mutate({ email: "gone@example.com", role: "guest" });
    expect(await admin.client.users.revokeInvite.mutate({ id: user.id })).toEqual({ ok: true });
    await expect(admin.client.users.get.query({ id: user.id })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    const left = await server.deps.db.all(sql`SELECT 1 FROM invitations WHERE user_id = ${user.id}`);
    expect(left).toEqual([]);
  });

  it("runs every operator action and returns the changed user, with one audit entry each", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const target = await server.seedUser({ role: "default", dailyMessageLimit: 100 });
    const c = admin.client.users;
    expect(await c.setRole.mutate({ id: target.id, role: "manager" })).toMatchObject({ role: "manager" });
    expect(await c.suspend.mutate({ id: target.id })).toMatchObject({ status: "suspended", actions: expect.arrayContaining(["unsuspend"]) });
    expect(await c.unsuspend.mutate({ id: target.id })).toMatchObject({ status: "active" });
    expect(await c.setMessageLimit.mutate({ id: target.id, limit: 40 })).toMatchObject({ dailyMessageLimit: 40 });
    expect(await c.setMessageLimit.mutate({ id: target.id, limit: null })).toMatchObject({ dailyMessageLimit: null });
    expect(await c.delete.mutate({ id: target.id })).toEqual({ ok: true });
    const audit = await admin.client.audit.list.query({ limit: 3 });
    expect(audit.items.map((e) => e.action)).toEqual(["delete", "setMessageLimit", "setMessageLimit"]);
    const rest = await admin.client.audit.list.query({ limit: 3, cursor: audit.nextCursor! });
    expect(rest.items.map((e) => e.action)).toEqual(["unsuspend", "suspend", "setRole"]);
    expect(rest.items.every((e) => e.targetId === target.id && e.actorId === admin.id)).toBe(true);

    // Each entry says what changed, from what to what; the full state before it stands in `from`.
    const changes = [...audit.items, ...rest.items].reverse().map((e) => [e.action, e.detail.from, e.detail.to]);
    expect(changes).toEqual([
      ["setRole", { role: "default", status: "active", dailyMessageLimit: 100 }, { role: "manager" }],
      ["suspend", { role: "manager", status: "active", dailyMessageLimit: 100 }, { status: "suspended" }],
      ["unsuspend", { role: "manager", status: "suspended", dailyMessageLimit: 100 }, { status: "active" }],
      ["setMessageLimit", { role: "manager", status: "active", dailyMessageLimit: 100 }, { dailyMessageLimit: 40 }],
      ["setMessageLimit", { role: "manager", status: "active", dailyMessageLimit: 40 }, { dailyMessageLimit: null }],
      ["delete", { role: "manager", status: "active", dailyMessageLimit: null }, undefined],
    ]);
    expect(audit.items[0]!.detail).toMatchObject({ email: target.email });
  });

  it("keeps no message limit on admins: promotion clears it, demotion starts from the role's default", async () => {
    server = await startTestServer({ env: { DEFAULT_DAILY_LIMIT_GUEST: "20" } });
    const admin = await server.actor({ role: "admin" });
    const bob = await server.seedUser({ role: "default", dailyMessageLimit: 30 });
    const c = admin.client.users;
    const promoted = await c.setRole.mutate({ id: bob.id, role: "admin" });
    expect(promoted).toMatchObject({ role: "admin", dailyMessageLimit: null });
    expect(promoted.actions).not.toContain("setMessageLimit");
    expect(await c.setRole.mutate({ id: bob.id, role: "guest" })).toMatchObject({ role: "guest", dailyMessageLimit: 20 });
    expect(await c.setRole.mutate({ id: bob.id, role: "default" })).toMatchObject({ role: "default", dailyMessageLimit: 20 });
    const [demotion] = (await admin.client.audit.list.query({ limit: 2 })).items.slice(1);
    expect(demotion!.detail.to).toEqual({ role: "guest", dailyMessageLimit: 20 });
  });

  it("lets any user edit only their own display name and bio", async () => {
    server = await startTestServer();
    const guest = await server.actor({ role: "guest" });
    const me = await guest.client.me.updateProfile.mutate({ displayName: "  <b>Guest</b> ", bio: "Hi" });
    expect(me).toMatchObject({ displayName: "<b>Guest</b>", bio: "Hi", role: "guest" });
    expect((await guest.client.me.get.query()).can).toEqual({ listUsers: false, invite: [], readAudit: false });
    const cleared = await guest.client.me.updateProfile.mutate({ bio: null });
    expect(cleared).toMatchObject({ displayName: "<b>Guest</b>", bio: null });
    const entries = await server.deps.db.all<{ actor_id: string; target_id: string; detail: string }>(
      sql`SELECT actor_id, target_id, detail FROM audit_log WHERE action = 'updateProfile' ORDER BY seq`,
    );
    expect(entries.map((e) => [e.actor_id, e.target_id, JSON.parse(e.detail)])).toEqual([
      [guest.id, guest.id, { from: { displayName: null, bio: null }, to: { displayName: "<b>Guest</b>", bio: "Hi" } }],
      [guest.id, guest.id, { from: { displayName: "<b>Guest</b>", bio: "Hi" }, to: { bio: null } }],
    ]);
  });

  it("answers UNAUTHORIZED without a session, and 401 JSON on /api", async () => {
    server = await startTestServer();
    await expect(server.client("not-a-token").me.get.query()).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    const response = await fetch(`${server.url}/api/usage`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHENTICATED");
  });
});
