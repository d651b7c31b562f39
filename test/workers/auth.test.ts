import { describe, expect, it } from "vitest";
import { createSigninLink } from "../../src/auth/signin-links.ts";
import { systemClock } from "../../src/core/clock.ts";
import { actor, call, clientFor, db, ORIGIN, refusal, seed } from "./support.ts";

describe("bearer-token sign-in on the Worker", () => {
  it("knows the caller from a token made by the session module", async () => {
    const ana = await actor({ role: "manager", email: "ana@example.com" });
    const me = await ana.client.me.get.query();
    expect(me).toMatchObject({ id: ana.id, email: "ana@example.com", role: "manager", status: "active" });
    expect(me.can.listUsers).toBe(true);
    expect(me.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("refuses a missing or unknown token", async () => {
    expect(await refusal(clientFor().me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await refusal(clientFor("not-a-real-token").me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
    const api = await call("/api/usage");
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("refuses the token of a suspended user", async () => {
    const sam = await actor({ role: "default", status: "suspended" });
    expect(await refusal(sam.client.me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("ends the session on logout", async () => {
    const bo = await actor();
    const out = await call("/auth/logout", { method: "POST", headers: { Authorization: `Bearer ${bo.token}`, Accept: "application/json" } });
    expect(out.status).toBe(200);
    expect(await refusal(bo.client.me.get.query())).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("sign-in by email link on the Worker", () => {
  it("answers 202 whether or not the account exists, finishing the mail after the answer", async () => {
    await actor({ email: "linked@example.com" });
    for (const email of ["linked@example.com", "nobody@example.com"]) {
      const response = await call("/auth/email-link", {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: "https://gatehouse.test", "CF-Connecting-IP": "203.0.113.9" },
        body: JSON.stringify({ email }),
      });
      expect(response.status, email).toBe(202);
      await response.body?.cancel();
    }
  });
});

describe("browser sign-in on the Worker", () => {
  it("uses a one-time link for a session cookie, honours the cookie, and refuses a cross-site change", async () => {
    const user = await seed({ role: "manager" });
    const link = new URL(await createSigninLink(db, systemClock, ORIGIN, user.id));

    expect((await call(link.pathname)).status).toBe(200); // a GET never uses the link up
    const signIn = await call(link.pathname, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin" }, redirect: "manual" });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^gatehouse_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/Secure/); // PUBLIC_URL defaults to the https origin the Worker was reached at
    const again = await call(link.pathname, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin" }, redirect: "manual" });
    expect(again.status).toBe(400);

    const session = cookie.split(";")[0]!;
    const me = await call("/trpc/me.get", { headers: { Cookie: session } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { id: string } } }).result.data.id).toBe(user.id);
    const crossSite = await call("/auth/logout", { method: "POST", headers: { Cookie: session, "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    await crossSite.body?.cancel();
  });
});
