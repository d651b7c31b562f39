// CONTRACT §7 through real HTTP on the Node server: headers, usage, what counts, who is limited.
import { afterEach, describe, expect, it } from "vitest";
import { HOUR, MINUTE } from "../../src/core/clock.ts";
import { messageCap } from "../../src/http/middleware/message-cap.ts";
import { TestClock } from "../support/deps.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { chat, ledger, parseRateLimit, startUpstream, usage } from "./support.ts";

let server: TestServer;
afterEach(() => server?.stop());

describe("messageCap on POST /api/chat", () => {
  it("cancels a hung upstream call when the client gives up, and releases the slot", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const upstream = await startUpstream((req) => req.socket.once("close", () => upstreamClosed())); // never answers
    server = await startTestServer({ env: { CHAT_UPSTREAM_URL: upstream.url } });
    const user = await server.actor({ role: "guest", dailyMessageLimit: 2 });
    const gaveUp = fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ message: "hello" }),
      signal: AbortSignal.timeout(300),
    });
    await expect(gaveUp).rejects.toThrow();
    await closed; // the server hung up on the upstream: nothing is left waiting
    await expect.poll(async () => (await usage(server.url, user.token)).used).toBe(0);
    await upstream.stop();
  });

  it.each([
    ["unknown keys", { message: "hi", role: "system" }],
    ["a message of only spaces", { message: " \n\t " }],
  ])("refuses %s in the chat body without counting", async (_, body) => {
    server = await startTestServer();
    const user = await server.actor({ role: "guest", dailyMessageLimit: 2 });
    const res = await chat(server.url, user.token, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_INPUT");
    expect(await usage(server.url, user.token)).toMatchObject({ used: 0 });
  });

  it("answers other methods on the chat route with 405 and Allow: POST", async () => {
    server = await startTestServer();
    const user = await server.actor({ role: "guest" });
    const res = await fetch(`${server.url}/api/chat`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
    expect((await res.json()).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("admits up to the limit, then refuses with 429, Retry-After and the body, headers matching the ledger", async () => {
    const clock = new TestClock();
    server = await startTestServer({ clock });
    const user = await server.actor({ role: "default", dailyMessageLimit: 3 });
    const first = clock.now();

    for (let i = 1; i <= 3; i++) {
      const res = await chat(server.url, user.token, { message: `m${i}` });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ reply: `Echo: m${i}` });
      expect(res.headers.get("RateLimit-Policy")).toBe('"daily";q=3;w=86400');
      const t = Math.ceil((first + 24 * HOUR - clock.now()) / 1000);
      expect(parseRateLimit(res.headers.get("RateLimit"))).toEqual({ r: 3 - i, t });
      expect((await ledger(server.deps.db, user.id, clock.now())).liveCommitted).toHaveLength(i);
      clock.advance(MINUTE);
    }

    const refused = await chat(server.url, user.token);
    expect(server.log.errors).toEqual([]);
    expect(refused.status).toBe(429);
    const wait = Math.ceil((first + 24 * HOUR - clock.now()) / 1000);
    expect(refused.headers.get("Retry-After")).toBe(String(wait));
    expect(parseRateLimit(refused.headers.get("RateLimit"))).toEqual({ r: 0, t: wait });
    expect(refused.body.error).toMatchObject({ code: "DAILY_MESSAGE_LIMIT", limit: 3, resetAt: new Date(first + 24 * HOUR).toISOString() });
    expect(await usage(server.url, user.token)).toEqual({ limit: 3, used: 3, remaining: 0, resetAt: new Date(first + 24 * HOUR).toISOString() });
    expect(await user.client.me.usage.query()).toEqual(await usage(server.url, user.token));
    expect((await ledger(server.deps.db, user.id, clock.now())).live).toBe(3);
  });

  it("counts only successes: bad input, thrown errors, upstream failures and refusals release their slot", async () => {
    const upstream = await startUpstream((_req, res) => {
      res.writeHead(503).end("down");
    });
    server = await startTestServer({
      env: { CHAT_UPSTREAM_URL: upstream.url },
      extend: (app) => app.post("/api/boom", messageCap(), () => {
        throw new Error("handler bug");
      }),
    });
    const user = await server.actor({ role: "guest", dailyMessageLimit: 2 });

    const bad = await chat(server.url, user.token, { message: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_INPUT");
    expect(parseRateLimit(bad.headers.get("RateLimit"))).toEqual({ r: 2, t: 0 });

    const thrown = await chat(server.url, user.token, {}, "/api/boom");
    expect(thrown.status).toBe(500);
    expect(parseRateLimit(thrown.headers.get("RateLimit"))).toEqual({ r: 2, t: 0 });
    server.log.errors.length = 0; // the thrown error is logged, as it should be

    const failed = await chat(server.url, user.token);
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe("UPSTREAM_ERROR");
    expect(parseRateLimit(failed.headers.get("RateLimit"))).toEqual({ r: 2, t: 0 });

    expect(await usage(server.url, user.token)).toMatchObject({ used: 0, remaining: 2, resetAt: null });
    expect(await ledger(server.deps.db, user.id, server.deps.clock.now())).toMatchObject({ committed: 0, live: 0 });
    await upstream.stop();
  });
});
