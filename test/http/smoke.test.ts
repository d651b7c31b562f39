// A fresh server as an operator first meets it: health, the printed sign-in link, sliding sessions.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
afterEach(() => server?.stop());

const DAY_S = 86_400;

describe("a fresh server", () => {
  it("answers health checks, and 503 when the database is gone", async () => {
    server = await startTestServer();
    const ok = await fetch(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    server.database.close();
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
  });

  it("creates the first admin on an empty database and prints a sign-in link that signs them in", async () => {
    server = await startTestServer({ env: { ADMIN_EMAIL: "Owner@Example.com" } });
    const printed = server.log.infos.join("\n");
    expect(printed).toContain("owner@example.com");
    const link = printed.match(/http:\/\/localhost:\d+\/auth\/link\/\S+/)![0];
    const response = await fetch(link, { method: "POST", redirect: "manual" });
    expect(response.status).toBe(303);
    const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    const home = await fetch(`${server.url}/`, { headers: { cookie }, redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/admin/users");
    const me = await (await fetch(`${server.url}/trpc/me.get`, { headers: { cookie } })).json();
    expect(me.result.data).toMatchObject({ email: "owner@example.com", role: "admin", status: "active" });
  });

  it("slides a session's 30-day expiry when it is used past half-life, and ends it when it lapses", async () => {
    server = await startTestServer();
    const user = await server.actor({ role: "guest" });
    const nowS = Math.floor(Date.now() / 1000);
    await server.deps.db.run(sql`UPDATE sessions SET expires_at = ${nowS + 10 * DAY_S}`);
    const used = await fetch(`${server.url}/trpc/me.get`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(used.status).toBe(200);
    const slid = await server.deps.db.get<{ expires_at: number }>(sql`SELECT expires_at FROM sessions`);
    expect(slid!.expires_at).toBeGreaterThan(nowS + 29 * DAY_S);

    // A browser's cookie is renewed on the same answer, even one that tRPC's adapter built.
    const { createSigninLink } = await import("../../src/auth/signin-links.ts");
    const link = await createSigninLink(server.deps.db, server.deps.clock, server.deps.config.publicUrl, user.id);
    const cookie = (await fetch(link, { method: "POST", redirect: "manual" })).headers.get("set-cookie")!.split(";")[0]!;
    await server.deps.db.run(sql`UPDATE sessions SET expires_at = ${nowS + 10 * DAY_S}`);
    const renewed = await fetch(`${server.url}/trpc/me.get`, { headers: { cookie } });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get("set-cookie")).toMatch(/^gatehouse_session=.*Max-Age=2592000/);

    await server.deps.db.run(sql`UPDATE sessions SET expires_at = ${nowS - 1}`);
    const lapsed = await fetch(`${server.url}/trpc/me.get`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(lapsed.status).toBe(401);
  });
});
