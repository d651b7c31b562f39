import { describe, expect, it } from "vitest";
import { actor, refusal, seed, userRow } from "./support.ts";

describe("the roles policy on the Worker", () => {
  it("refuses users.* to default and guest users", async () => {
    for (const role of ["default", "guest"] as const) {
      const user = await actor({ role });
      expect(await refusal(user.client.users.list.query({}))).toEqual({ code: "FORBIDDEN", reason: "NOT_PERMITTED" });
      expect(await refusal(user.client.users.invite.mutate({ email: `x-${role}@example.com`, role: "guest" }))).toEqual({
        code: "FORBIDDEN",
        reason: "NOT_PERMITTED",
      });
    }
  });

  it("keeps managers to default and guest users, and changes nothing when it refuses", async () => {
    const manager = await actor({ role: "manager" });
    const admin = await seed({ role: "admin" });
    const peer = await seed({ role: "manager" });
    const guest = await seed({ role: "guest" });
    expect(await refusal(manager.client.users.suspend.mutate({ id: admin.id }))).toEqual({ code: "FORBIDDEN", reason: "TARGET_NOT_ALLOWED" });
    expect(await refusal(manager.client.users.setRole.mutate({ id: peer.id, role: "guest" }))).toEqual({ code: "FORBIDDEN", reason: "TARGET_NOT_ALLOWED" });
    expect(await refusal(manager.client.users.setRole.mutate({ id: guest.id, role: "manager" }))).toEqual({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(await refusal(manager.client.users.invite.mutate({ email: "boss@example.com", role: "admin" }))).toEqual({ code: "FORBIDDEN", reason: "ROLE_NOT_ALLOWED" });
    expect(await refusal(manager.client.audit.list.query({}))).toEqual({ code: "FORBIDDEN", reason: "NOT_PERMITTED" });
    expect(await userRow(admin.id)).toMatchObject({ status: "active", role: "admin" });
    expect(await userRow(peer.id)).toMatchObject({ role: "manager" });
    expect(await userRow(guest.id)).toMatchObject({ role: "guest" });
  });

  it("refuses actions on oneself", async () => {
    const admin = await actor({ role: "admin" });
    for (const attempt of [
      admin.client.users.suspend.mutate({ id: admin.id }),
      admin.client.users.setRole.mutate({ id: admin.id, role: "manager" }),
      admin.client.users.delete.mutate({ id: admin.id }),
      admin.client.users.setMessageLimit.mutate({ id: admin.id, limit: 3 }),
    ]) {
      expect(await refusal(attempt)).toEqual({ code: "FORBIDDEN", reason: "SELF_ACTION" });
    }
    expect(await userRow(admin.id)).toMatchObject({ role: "admin", status: "active", dailyMessageLimit: null });
  });

  it("only resends or revokes pending accounts", async () => {
    const admin = await actor({ role: "admin" });
    const pending = await seed({ role: "default", status: "pending" });
    expect(await refusal(admin.client.users.suspend.mutate({ id: pending.id }))).toEqual({ code: "CONFLICT", reason: "INVALID_STATE" });
    expect(await userRow(pending.id)).toMatchObject({ status: "pending" });
  });

  it("names invalid input fields", async () => {
    const admin = await actor({ role: "admin" });
    expect(await refusal(admin.client.users.invite.mutate({ email: "not-an-email", role: "guest" }))).toEqual({
      code: "BAD_REQUEST",
      reason: "INVALID_INPUT",
    });
  });

  it("never leaves the instance without an active admin, however two admins race to demote each other", async () => {
    const [a, b] = [await actor({ role: "admin" }), await actor({ role: "admin" })];
    // Any other active admins (e.g. the bootstrapped one) step aside first, so a and b are the last two.
    const others = await a.client.users.list.query({ role: "admin", status: "active", limit: 100 });
    for (const other of others.items.filter((u) => u.id !== a.id && u.id !== b.id)) await a.client.users.suspend.mutate({ id: other.id });

    const results = await Promise.allSettled([
      a.client.users.setRole.mutate({ id: b.id, role: "manager" }),
      b.client.users.setRole.mutate({ id: a.id, role: "manager" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const roles = [(await userRow(a.id))!.role, (await userRow(b.id))!.role].sort();
    expect(roles).toEqual(["admin", "manager"]);
  });
});
