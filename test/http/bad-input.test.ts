// Bad input gets the contract's error, names the field, writes nothing and leaks nothing.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE } from "../../src/trpc/init.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
afterEach(() => server?.stop());

const QUERIES = new Set(["users.list", "audit.list"]);

/** Calls a procedure as tRPC's HTTP protocol does: queries by GET, mutations by POST. */
async function post(path: string, token: string, body: unknown) {
  const json = typeof body === "string" ? body : JSON.stringify(body);
  const headers = { "content-type": "application/json", Authorization: `Bearer ${token}` };
  const response = QUERIES.has(path)
    ? await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(json)}`, { headers })
    : await fetch(`${server.url}/trpc/${path}`, { method: "POST", headers, body: json });
  return { status: response.status, text: await response.text() };
}

async function state() {
  // last_active_at moves on any authenticated request, valid or not.
  const users = await server.deps.db.all(sql`SELECT id, email, role, status, bio, display_name, daily_message_limit FROM users ORDER BY id`);
  const audit = await server.deps.db.all(sql`SELECT id FROM audit_log`);
  return { users, audit };
}

const NO_LEAKS = /(SQLITE|select |insert |update |at .*\.ts:|node_modules|stack)/i;

describe("bad input in production mode", () => {
  it.each([
    ["users.invite", { email: 42, role: "guest" }, "email"],
    ["users.invite", { email: "not-an-email", role: "guest" }, "email"],
    ["users.invite", { email: "a@example.com", role: "overlord" }, "role"],
    ["users.invite", { email: "a@example.com", role: "guest", isAdmin: true }, "isAdmin"],
    ["users.invite", { email: `${"x".repeat(250)}@example.com`, role: "guest" }, "email"],
    ["users.invite", { email: "a@example.com", role: "guest", bio: "b".repeat(10_000) }, "bio"],
    ["users.invite", { email: "a@example.com", role: "guest", displayName: "d".repeat(101) }, "displayName"],
    ["users.invite", { email: "a@example.com", role: "guest", displayName: "Ana\r\nBcc: victim@example.com" }, "displayName"],
    ["me.updateProfile", { displayName: "tab\tand\u0000nul" }, "displayName"],
    ["me.updateProfile", { displayName: "\u202eevil" }, "displayName"], // displays as "live"
    ["me.updateProfile", { bio: "shown\u0000hidden" }, "bio"],
    ["users.invite", { email: "a@example.com\u0000", role: "guest" }, "email"],
    ["users.invite", { email: "a\u200b@example.com", role: "guest" }, "email"],
    ["users.invite", { email: "a@example.com.", role: "guest" }, "email"],
    ["users.invite", { email: "a@-example.com", role: "guest" }, "email"],
    ["users.invite", { email: "a@example.com", role: "guest", welcomeMessage: "hi\u0000there" }, "welcomeMessage"],
    ["users.invite", { email: "a@example.com", role: "guest", bio: "\u2066isolated" }, "bio"],
    ["users.suspend", {}, "id"],
    ["users.list", { search: "a\u0000b" }, "search"], // would reach the FTS index as a 500
    ["me.updateProfile", { bio: "broken \ud800 surrogate" }, "bio"],
    ["me.updateProfile", { displayName: "ad\u200bmin" }, "displayName"], // looks like "admin"
    ["users.list", { cursor: Buffer.from(JSON.stringify({ s: "createdAt", o: "desc", k: "zzz", id: "x" })).toString("base64url") }, "cursor"], // a text key for a number sort
    ["users.setRole", { id: "1 OR 1=1", role: "admin" }, "id"],
    ["users.suspend", { id: "../../etc/passwd" }, "id"],
    ["users.setMessageLimit", { id: "00000000-0000-4000-8000-000000000000", limit: 0 }, "limit"],
    ["users.setMessageLimit", { id: "00000000-0000-4000-8000-000000000000", limit: 1.5 }, "limit"],
    ["users.setMessageLimit", { id: "00000000-0000-4000-8000-000000000000", limit: "10" }, "limit"],
    ["me.updateProfile", { bio: "b".repeat(10_000) }, "bio"],
    ["me.updateProfile", { displayName: "ok", email: "takeover@example.com" }, "email"],
    ["users.list", { cursor: "garbage" }, "cursor"],
    ["audit.list", { cursor: "abc" }, "cursor"],
  ])("%s with bad input (case %#) is BAD_REQUEST naming the field", async (path, input, field) => {
    server = await startTestServer({ env: { NODE_ENV: "production" } });
    const admin = await server.actor({ role: "admin" });
    const before = await state();
    const { status, text } = await post(path, admin.token, input);
    expect(status).toBe(400);
    const body = JSON.parse(text);
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.data.issues.some((i: { path: string[] }) => i.path.includes(field) || i.path.length === 0)).toBe(true);
    expect(body.error.message).toContain(field);
    expect(text).not.toMatch(NO_LEAKS);
    expect(await state()).toEqual(before);
  });

  it.each([
    ["/auth/email-link", false],
    ["/trpc/me.updateProfile", true],
    ["/api/chat", true],
  ])("refuses a body over 256 KB on %s with 413 before reading it, with or without Content-Length", async (path, signedIn) => {
    server = await startTestServer({ env: { NODE_ENV: "production" } });
    const user = await server.actor({ role: "guest" });
    const huge = JSON.stringify({ email: "a".repeat(300 * 1024), message: "x", bio: "y" });
    const headers: Record<string, string> = { "content-type": "application/json", ...(signedIn ? { Authorization: `Bearer ${user.token}` } : {}) };
    const sized = await fetch(`${server.url}${path}`, { method: "POST", headers, body: huge });
    expect(sized.status).toBe(413);
    expect((await sized.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    const chunks = new Blob([huge]).stream(); // streamed: no Content-Length to trust
    const streamed = await fetch(`${server.url}${path}`, { method: "POST", headers, body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it("answers malformed JSON with a clear 400 and no internals", async () => {
    server = await startTestServer({ env: { NODE_ENV: "production" } });
    const admin = await server.actor({ role: "admin" });
    const { status, text } = await post("users.invite", admin.token, "{not json");
    expect(status).toBe(400);
    expect(JSON.parse(text).error.data).toMatchObject({ code: "BAD_REQUEST", reason: "INVALID_INPUT", issues: [{ path: [] }] });
    expect(text).not.toMatch(NO_LEAKS);
  });

  it("refuses a batch of more than 10 calls before running any of them", async () => {
    server = await startTestServer({ env: { NODE_ENV: "production" } });
    const admin = await server.actor({ role: "admin" });
    const targets = await Promise.all(Array.from({ length: 11 }, () => server.seedUser({ role: "guest" })));
    const before = await state();
    const paths = targets.map(() => "users.suspend").join(",");
    const input = Object.fromEntries(targets.map((t, i) => [i, { id: t.id }]));
    const { status, text } = await post(`${paths}?batch=1`, admin.token, input);
    expect(status).toBe(400);
    expect(JSON.parse(text).error.data).toMatchObject({ code: "BAD_REQUEST", reason: "INVALID_INPUT" });
    expect(JSON.parse(text).error.message).toContain(`at most ${MAX_BATCH_SIZE} calls`);
    expect(text).not.toMatch(NO_LEAKS);
    expect(await state()).toEqual(before);

    const ten = await post(`${targets.slice(0, 10).map(() => "users.suspend").join(",")}?batch=1`, admin.token, input);
    expect(ten.status).toBe(200);
  });

  it("masks unexpected failures: no stack, SQL or parameters reach the client", async () => {
    server = await startTestServer({ env: { NODE_ENV: "production" } });
    const admin = await server.actor({ role: "admin" });
    await server.deps.db.run(sql`DROP TABLE audit_log`); // every write now fails inside SQL
    const target = await server.seedUser({ role: "guest" });
    const { status, text } = await post("users.suspend", admin.token, { id: target.id });
    expect(status).toBe(500);
    expect(JSON.parse(text).error.message).toBe("Internal server error");
    expect(text).not.toMatch(NO_LEAKS);
    expect(text).not.toContain(target.id);
    const row = await server.deps.db.get<{ status: string }>(sql`SELECT status FROM users WHERE id = ${target.id}`);
    expect(row!.status).toBe("active");
  });
});
