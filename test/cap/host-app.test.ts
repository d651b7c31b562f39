// The README's host-app example: a host's own chat route behind messageCap(), called with app.request().
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/http/app.ts";
import { messageCap } from "../../src/http/middleware/message-cap.ts";
import { testDeps } from "../support/deps.ts";
import { seedUser, tokenFor } from "../support/users.ts";
import { parseRateLimit } from "./support.ts";

describe("messageCap() in a host app", () => {
  it("caps the host's route with the same ledger as /api/chat and /api/usage", async () => {
    const { deps } = await testDeps();
    const app = createApp(deps, {
      extend: (app) =>
        app.post("/api/assistant", messageCap(), async (c) => {
          const { question } = await c.req.json<{ question: string }>();
          if (!question) return c.json({ error: { code: "INVALID_INPUT", message: "question: required" } }, 400);
          return c.json({ answer: `You asked: ${question}` });
        }),
    });
    const user = await seedUser(deps, { role: "guest", dailyMessageLimit: 2 });
    const headers = { Authorization: `Bearer ${await tokenFor(deps, user.id)}`, "Content-Type": "application/json" };
    const ask = (question: string) => app.request("/api/assistant", { method: "POST", headers, body: JSON.stringify({ question }) });

    expect((await ask("")).status).toBe(400);
    const first = await ask("one?");
    expect(await first.json()).toEqual({ answer: "You asked: one?" });
    expect(parseRateLimit(first.headers.get("RateLimit"))).toEqual({ r: 1, t: 86400 });
    const chat = await app.request("/api/chat", { method: "POST", headers, body: JSON.stringify({ message: "two" }) });
    expect(parseRateLimit(chat.headers.get("RateLimit"))).toEqual({ r: 0, t: 86400 });
    expect((await ask("three?")).status).toBe(429);
    expect(await (await app.request("/api/usage", { headers })).json()).toMatchObject({ limit: 2, used: 2, remaining: 0 });
    expect((await app.request("/api/assistant", { method: "POST", body: "{}" })).status).toBe(401);
  });
});
