import { describe, expect, it } from "vitest";
import { actor, refusal, userRow } from "./support.ts";

describe("users.* through tRPC on the Worker", () => {
  it("lists users with a substring search (FTS5 trigram), filters and pages without repeats", async () => {
    const admin = await actor({ role: "admin" });
    const domain = `${crypto.randomUUID().slice(0, 8)}.test`; // the libSQL run shares one database across files
    const email = (name: string) => `${name}@${domain}`;
    for (const name of ["alice", "malice", "bob", "carol", "dave"]) await actor({ email: email(name), role: "guest" });
    await actor({ email: email("gina"), role: "default" });

    const found = await admin.client.users.list.query({ search: `lice@${domain}` });
    expect(found.items.map((u) => u.email).sort()).toEqual([email("alice"), email("malice")]);
    expect(found.total).toBe(2);
    const short = await admin.client.users.list.query({ search: "ob", role: "guest" });
    expect(short.items.map((u) => u.email)).toContain(email("bob"));

    const query = { search: domain, role: "guest", sort: "email", order: "asc", limit: 2 } as const;
    const guests = await admin.client.users.list.query(query);
    expect(guests.total).toBe(5);
    const seen = [...guests.items];
    let cursor = guests.nextCursor;
    while (cursor) {
      const page = await admin.client.users.list.query({ ...query, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((u) => u.email)).toEqual(["alice", "bob", "carol", "dave", "malice"].map(email));
    expect(seen[0]).toMatchObject({ role: "guest", status: "active", messagesLast24h: 0, actions: expect.arrayContaining(["suspend"]) });
  });

  it("invites a pending user, who then appears in the list", async () => {
    const admin = await actor({ role: "admin" });
    const { user } = await admin.client.users.invite.mutate({ email: "  New.Person@Example.com ", role: "default", displayName: "New" });
    expect(user).toMatchObject({ email: "new.person@example.com", status: "pending", role: "default", displayName: "New" });
    expect(user.actions.sort()).toEqual(["resendInvite", "revokeInvite"]);
    const page = await admin.client.users.list.query({ status: "pending" });
    expect(page.items.map((u) => u.id)).toContain(user.id);
    expect(await refusal(admin.client.users.invite.mutate({ email: "new.person@example.com", role: "guest" }))).toEqual({
      code: "CONFLICT",
      reason: "EMAIL_TAKEN",
    });
  });

  it("sets a role and ends the target's sessions at once", async () => {
    const admin = await actor({ role: "admin" });
    const dee = await actor({ role: "default" });
    const updated = await admin.client.users.setRole.mutate({ id: dee.id, role: "manager" });
    expect(updated.role).toBe("manager");
    expect((await userRow(dee.id))?.role).toBe("manager");
    expect(await refusal(dee.client.me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("suspends a user, whose next request fails, and unsuspends them", async () => {
    const manager = await actor({ role: "manager" });
    const gus = await actor({ role: "guest" });
    expect((await gus.client.me.get.query()).id).toBe(gus.id);
    const suspended = await manager.client.users.suspend.mutate({ id: gus.id });
    expect(suspended.status).toBe("suspended");
    expect(await refusal(gus.client.me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
    expect((await manager.client.users.unsuspend.mutate({ id: gus.id })).status).toBe("active");
  });

  it("writes an audit entry for each change, readable by admins", async () => {
    const admin = await actor({ role: "admin" });
    const target = await actor({ role: "guest" });
    await admin.client.users.setMessageLimit.mutate({ id: target.id, limit: 5 });
    const audit = await admin.client.audit.list.query({});
    expect(audit.items[0]).toMatchObject({ action: "setMessageLimit", actorId: admin.id, targetId: target.id });
    expect(audit.items[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
