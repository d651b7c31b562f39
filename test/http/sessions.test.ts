// Sessions end with the account's standing: suspend, demote and delete refuse the very next request.
import { afterEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../src/auth/sessions.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
afterEach(() => server?.stop());

async function signInWithLink(s: TestServer, email: string): Promise<string> {
  const { createSigninLink } = await import("../../src/auth/signin-links.ts");
  const { getUserByEmail } = await import("../../src/core/users/queries.ts");
  const user = await getUserByEmail(s.deps.db, email);
  const link = await createSigninLink(s.deps.db, s.deps.clock, s.deps.config.publicUrl, user!.id);
  const response = await fetch(link, { method: "POST", redirect: "manual" });
  expect(response.status).toBe(303);
  const cookie = response.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}

const meWithCookie = (s: TestServer, cookie: string) => fetch(`${s.url}/trpc/me.get`, { headers: { cookie } });
const meWithBearer = (s: TestServer, token: string) => fetch(`${s.url}/trpc/me.get`, { headers: { Authorization: `Bearer ${token}` } });

describe("sessions", () => {
  it.each(["suspend", "setRole", "delete"] as const)("end at once for cookie and bearer when an admin runs %s", async (action) => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const target = await server.actor({ role: "manager" });
    const cookie = await signInWithLink(server, target.email);
    expect((await meWithCookie(server, cookie)).status).toBe(200);
    expect((await meWithBearer(server, target.token)).status).toBe(200);

    if (action === "suspend") await admin.client.users.suspend.mutate({ id: target.id });
    if (action === "setRole") await admin.client.users.setRole.mutate({ id: target.id, role: "guest" });
    if (action === "delete") await admin.client.users.delete.mutate({ id: target.id });

    expect((await meWithCookie(server, cookie)).status).toBe(401);
    expect((await meWithBearer(server, target.token)).status).toBe(401);
    const chat = await fetch(`${server.url}/api/usage`, { headers: { Authorization: `Bearer ${target.token}` } });
    expect(chat.status).toBe(401);
    expect(await chat.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("keeps the sessions of a user whose role is set to the role they already have, and audits nothing", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const other = await server.actor({ role: "admin" });
    const before = (await admin.client.audit.list.query({})).items.length;
    expect(await admin.client.users.setRole.mutate({ id: other.id, role: "admin" })).toMatchObject({ role: "admin" });
    expect((await meWithBearer(server, other.token)).status).toBe(200);
    expect((await admin.client.audit.list.query({})).items.length).toBe(before);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie that stores only a hash server-side", async () => {
    server = await startTestServer();
    const user = await server.actor({ role: "default" });
    const { createSigninLink } = await import("../../src/auth/signin-links.ts");
    const link = await createSigninLink(server.deps.db, server.deps.clock, server.deps.config.publicUrl, user.id);
    const response = await fetch(link, { method: "POST", redirect: "manual" });
    const header = response.headers.get("set-cookie")!;
    expect(header).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    const token = header.split(";")[0]!.split("=")[1]!;
    const rows = await server.database.client.execute("SELECT id FROM sessions");
    expect(rows.rows.map((r) => r.id)).not.toContain(token);
  });

  it("uses a sign-in link once: the GET only shows a button, and afterwards GET and POST fail like an unknown link", async () => {
    server = await startTestServer();
    const user = await server.actor({ role: "default" });
    const { createSigninLink } = await import("../../src/auth/signin-links.ts");
    const link = await createSigninLink(server.deps.db, server.deps.clock, server.deps.config.publicUrl, user.id);
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link, { method: "POST", redirect: "manual" })).status).toBe(303);
    const again = await fetch(link, { method: "POST", redirect: "manual" });
    const unknown = await fetch(`${server.url}/auth/link/notarealtoken`, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(400);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toBe(await unknown.text());
    const opened = await fetch(link);
    const openedUnknown = await fetch(`${server.url}/auth/link/notarealtoken`);
    expect([opened.status, openedUnknown.status]).toEqual([400, 400]);
    expect(await opened.text()).toBe(await openedUnknown.text());
  });

  it("refuses cookie-authenticated mutations from other sites but accepts same-origin ones and bearer tokens", async () => {
    server = await startTestServer();
    const admin = await server.actor({ role: "admin" });
    const cookie = await signInWithLink(server, admin.email);
    const target = await server.seedUser({ role: "guest" });
    const mutate = (headers: Record<string, string>) =>
      fetch(`${server.url}/trpc/users.suspend`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ id: target.id }),
      });
    expect((await mutate({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await mutate({ cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await mutate({ cookie })).status).toBe(403);
    expect((await mutate({ cookie, origin: new URL(server.url).origin })).status).toBe(200);
    expect((await mutate({ cookie, "sec-fetch-site": "same-origin" })).status).toBe(409); // already suspended
    expect((await mutate({ Authorization: `Bearer ${admin.token}`, origin: "https://evil.example" })).status).toBe(409);
  });

  it("refuses a sign-in link or invitation posted from another site, so nobody is signed into someone else's account", async () => {
    server = await startTestServer();
    const user = await server.actor({ role: "default" });
    const { createSigninLink } = await import("../../src/auth/signin-links.ts");
    const link = await createSigninLink(server.deps.db, server.deps.clock, server.deps.config.publicUrl, user.id);
    const crossSite: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }];
    for (const headers of crossSite) {
      const refused = await fetch(link, { method: "POST", redirect: "manual", headers });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("set-cookie")).toBeNull();
      const invite = await fetch(`${server.url}/invite/some-token/accept`, { method: "POST", redirect: "manual", headers });
      expect(invite.status).toBe(403);
    }
    const fromOwnPage = await fetch(link, { method: "POST", redirect: "manual", headers: { "sec-fetch-site": "same-origin" } });
    expect(fromOwnPage.status).toBe(303);
  });

  it("sends secure headers on every answer", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
