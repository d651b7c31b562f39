import { describe, expect, it } from "vitest";
import { actor, call } from "./support.ts";

const chat = (token: string, query = "") =>
  call(`/api/chat${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message: "hello" }),
  });

const usage = async (token: string) => (await call("/api/usage", { headers: { Authorization: `Bearer ${token}` } })).json();

describe("the message cap on the Worker (CONTRACT §7)", () => {
  // Requests into one workerd interleave at every D1 await: with the admission's `< limit` condition removed
  // (a check-then-write cap), the D1 run of this test admitted 13 of 20 instead of 5.
  it("admits exactly N of many parallel chats for a user whose daily limit is N; the rest get 429", async () => {
    const limit = 5;
    const user = await actor({ role: "default", dailyMessageLimit: limit });
    expect(await usage(user.token)).toEqual({ limit, used: 0, remaining: limit, resetAt: null });

    const responses = await Promise.all(Array.from({ length: 4 * limit }, () => chat(user.token)));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Record<string, unknown>>));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * limit);

    const refused = statuses.indexOf(429);
    expect(responses[refused]!.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(responses[refused]!.headers.get("RateLimit-Policy")).toBe(`"daily";q=${limit};w=86400`);
    expect(responses[refused]!.headers.get("RateLimit")).toMatch(/^"daily";r=0;t=\d+$/);
    expect(bodies[refused]).toMatchObject({ error: { code: "DAILY_MESSAGE_LIMIT", limit, resetAt: expect.any(String) } });
    expect(bodies[statuses.indexOf(200)]).toEqual({ reply: expect.any(String) });

    expect(await usage(user.token)).toMatchObject({ limit, used: limit, remaining: 0, resetAt: expect.any(String) });
  });

  it("counts a streamed chat when it finishes, each request settling its own write (Workers forbid sharing I/O)", async () => {
    const user = await actor({ role: "guest", dailyMessageLimit: 2 });
    const streams = await Promise.all([chat(user.token, "?stream=1"), chat(user.token, "?stream=1")]);
    for (const response of streams) {
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
      expect(await response.text()).toContain("event: done");
    }
    expect(await usage(user.token)).toMatchObject({ limit: 2, used: 2, remaining: 0 });
    const third = await chat(user.token, "?stream=1");
    expect(third.status).toBe(429);
    await third.body?.cancel();
  });

  it("never limits admins, and records their chats", async () => {
    const admin = await actor({ role: "admin" });
    const responses = await Promise.all(Array.from({ length: 6 }, () => chat(admin.token)));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    for (const r of responses) await r.body?.cancel();
    expect(responses[0]!.headers.get("RateLimit")).toBeNull();
    expect(await usage(admin.token)).toMatchObject({ limit: null, used: 6, remaining: null });
  });
});
