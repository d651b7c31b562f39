import { describe, expect, it } from "vitest";
import { actor, call } from "./support.ts";

const chat = (token: string) =>
  call("/api/chat", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message: "hello" }),
  });

describe("the message cap on the Worker (CONTRACT §7)", () => {
  it("admits exactly N of many parallel chats for a user whose daily limit is N; the rest get 429", async (ctx) => {
    const limit = 5;
    const user = await actor({ role: "default", dailyMessageLimit: limit });
    const probe = await call("/api/usage", { headers: { Authorization: `Bearer ${user.token}` } });
    // Until the cap's routes are mounted in createApp, /api/* answers 404 NOT_FOUND for them.
    if (probe.status === 404) ctx.skip("/api/chat and /api/usage are not mounted in createApp yet (message-cap work pending)");
    expect(await probe.json()).toMatchObject({ limit, used: 0, remaining: limit, resetAt: null });

    const responses = await Promise.all(Array.from({ length: 4 * limit }, () => chat(user.token)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * limit);

    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(refused.headers.get("RateLimit-Policy")).toBe(`"daily";q=${limit};w=86400`);
    expect(refused.headers.get("RateLimit")).toMatch(/^"daily";r=0;t=\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: "DAILY_MESSAGE_LIMIT", limit, resetAt: expect.any(String) } });
    for (const r of responses) await r.body?.cancel();

    const usage = await (await call("/api/usage", { headers: { Authorization: `Bearer ${user.token}` } })).json();
    expect(usage).toMatchObject({ limit, used: limit, remaining: 0, resetAt: expect.any(String) });
  });
});
