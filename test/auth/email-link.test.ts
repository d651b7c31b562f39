// POST /auth/email-link: always 202, a one-time link for active accounts only, throttled in the database.
import { eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { signinLinks, throttles } from "../../db/schema.ts";
import { EMAIL_LINK_LIMITS, throttleKey } from "../../src/auth/email-link.ts";
import { MINUTE } from "../../src/core/clock.ts";
import { TestClock } from "../support/deps.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(env: Record<string, string> = {}) {
  const clock = new TestClock();
  server = await startTestServer({ env, clock });
  return { server, clock };
}

async function requestLink(s: TestServer, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  const response = await fetch(`${s.url}/auth/email-link`, {
    method: "POST",
    headers,
    body: typeof body === "string" || body instanceof URLSearchParams ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

const mailsTo = (s: TestServer, email: string) => s.mail.sent.filter((m) => m.to === email);

describe("requesting a sign-in link by email", () => {
  it("mails an active account a link that signs in once, and only by POST", async () => {
    const { server: s } = await start();
    const ana = await s.seedUser({ email: "ana@example.com" });
    expect((await requestLink(s, { email: "  ANA@Example.COM " })).status).toBe(202);
    const link = s.mail.linkTo("ana@example.com");
    expect(link).toMatch(new RegExp(`^${s.url}/auth/link/[a-z2-7]{32}$`));

    for (let i = 0; i < 2; i++) expect((await fetch(link)).status).toBe(200); // scanners may open it
    const first = await fetch(link, { method: "POST", redirect: "manual" });
    expect(first.status).toBe(303);
    expect(first.headers.getSetCookie().some((c) => c.startsWith("gatehouse_session="))).toBe(true);
    const again = await fetch(link, { method: "POST", redirect: "manual" });
    expect(again.status).toBe(400);
    expect(await s.deps.db.select().from(signinLinks).where(eq(signinLinks.userId, ana.id)).all()).toEqual([]);
  });

  it("answers every address the same way and mails only active accounts", async () => {
    const { server: s } = await start();
    await s.seedUser({ email: "active@example.com" });
    await s.seedUser({ email: "pending@example.com", status: "pending" });
    await s.seedUser({ email: "suspended@example.com", status: "suspended" });
    const answers = [];
    for (const email of ["active@example.com", "pending@example.com", "suspended@example.com", "nobody@example.com", "not an email"]) {
      answers.push(await requestLink(s, { email }));
    }
    answers.push(await requestLink(s, "{not json"));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 202 });
    expect(s.mail.sent.map((m) => m.to)).toEqual(["active@example.com"]);
  });

  it("answers a plain form post with a 202 page", async () => {
    const { server: s } = await start();
    await s.seedUser({ email: "bea@example.com" });
    const answer = await requestLink(s, new URLSearchParams({ email: "bea@example.com" }), {});
    expect(answer.status).toBe(202);
    expect(answer.type).toMatch(/^text\/html/);
    expect(mailsTo(s, "bea@example.com")).toHaveLength(1);
  });

  it("gives a link that stops working after 15 minutes", async () => {
    const { server: s, clock } = await start();
    await s.seedUser({ email: "cal@example.com" });
    await requestLink(s, { email: "cal@example.com" });
    clock.advance(15 * MINUTE);
    expect((await fetch(s.mail.linkTo("cal@example.com"), { method: "POST", redirect: "manual" })).status).toBe(400);
  });

  it("throttles requests per email, still answering 202, until the window passes", async () => {
    const { server: s, clock } = await start();
    await s.seedUser({ email: "dan@example.com" });
    const { max, windowMs } = EMAIL_LINK_LIMITS.perEmail;
    for (let i = 0; i < max + 3; i++) expect((await requestLink(s, { email: i % 2 ? "DAN@example.com" : "dan@example.com" })).status).toBe(202);
    expect(mailsTo(s, "dan@example.com")).toHaveLength(max);
    expect(await s.deps.db.select().from(throttles).where(eq(throttles.key, await throttleKey("email", "dan@example.com"))).get()).toMatchObject({ hits: max + 3 });

    clock.advance(windowMs);
    expect((await requestLink(s, { email: "dan@example.com" })).status).toBe(202);
    expect(mailsTo(s, "dan@example.com")).toHaveLength(max + 1);
  });

  it("throttles requests per client address across emails, still answering 202", async () => {
    const { server: s } = await start();
    await s.seedUser({ email: "eli@example.com" });
    const { max } = EMAIL_LINK_LIMITS.perAddress;
    for (let i = 0; i < max; i++) await requestLink(s, { email: `probe-${i}@example.com` });
    expect((await requestLink(s, { email: "eli@example.com" })).status).toBe(202);
    expect(s.mail.sent).toEqual([]);
    const perAddress = await s.deps.db.select().from(throttles).where(like(throttles.key, "email-link:addr:%")).all();
    expect(perAddress.map((t) => t.hits)).toEqual([max + 1]);
    expect(await s.deps.db.select().from(throttles).where(like(throttles.key, "%@%")).all()).toEqual([]);
  });

  it("behind a proxy, throttles by the address in CLIENT_IP_HEADER (the entry the proxy appended)", async () => {
    const { server: s } = await start({ CLIENT_IP_HEADER: "X-Forwarded-For" });
    await s.seedUser({ email: "gil@example.com" });
    const { max } = EMAIL_LINK_LIMITS.perAddress;
    const via = (client: string) => ({ "content-type": "application/json", "X-Forwarded-For": `10.9.9.9, ${client}` });
    for (let i = 0; i < max; i++) await requestLink(s, { email: `probe-${i}@example.com` }, via("198.51.100.7"));
    expect((await requestLink(s, { email: "gil@example.com" }, via("198.51.100.7"))).status).toBe(202);
    expect(s.mail.sent).toEqual([]);
    expect((await requestLink(s, { email: "gil@example.com" }, via("198.51.100.8"))).status).toBe(202);
    expect(mailsTo(s, "gil@example.com")).toHaveLength(1);
  });

  it("mails nothing in sso mode: the provider decides who signs in", async () => {
    const { server: s } = await start({ AUTH_MODE: "sso", SSO_ISSUER: "http://127.0.0.1:9/", SSO_CLIENT_ID: "x" });
    await s.seedUser({ email: "fin@example.com" });
    expect((await requestLink(s, { email: "fin@example.com" })).status).toBe(202);
    expect(s.mail.sent).toEqual([]);
  });
});
