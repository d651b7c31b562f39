// Streamed chats (?stream=1, server-sent events) and the aborted-stream rule.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";
import { ledger, parseRateLimit, startUpstream, usage } from "./support.ts";

let server: TestServer;
let upstream: Awaited<ReturnType<typeof startUpstream>> | undefined;
afterEach(async () => {
  await upstream?.stop();
  upstream = undefined;
  await server?.stop();
});

const delta = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

/** An upstream that sends `parts`, then finishes with [DONE], hangs, or breaks the connection. */
function streamingUpstream(parts: string[], ending: "done" | "hang" | "break") {
  return startUpstream((_req, res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    for (const p of parts) res.write(delta(p));
    if (ending === "done") res.end("data: [DONE]\n\n");
    if (ending === "break") setTimeout(() => res.destroy(), 20);
  });
}

const openStream = (token: string, signal?: AbortSignal) =>
  fetch(`${server.url}/api/chat?stream=1`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ message: "hi" }),
    signal,
  });

async function settled(userId: string, expected: { committed: number; reserved: number }) {
  for (let i = 0; i < 50; i++) {
    const rows = await ledger(server.deps.db, userId, server.deps.clock.now());
    if (rows.committed === expected.committed && rows.reserved === expected.reserved) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return ledger(server.deps.db, userId, server.deps.clock.now());
}

describe("streamed chats", () => {
  it("streams the echo as events and counts when the stream ends; headers count it as in flight", async () => {
    server = await startTestServer();
    const user = await server.actor({ dailyMessageLimit: 2 });
    const res = await openStream(user.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(parseRateLimit(res.headers.get("RateLimit"))?.r).toBe(1);
    const text = await res.text();
    expect(text).toContain("event: delta");
    expect(text).toContain(`event: done\ndata: ${JSON.stringify({ reply: "Echo: hi" })}`);
    expect(await ledger(server.deps.db, user.id, server.deps.clock.now())).toMatchObject({ committed: 1, reserved: 0 });
  });

  it("counts a stream the client leaves after it started", async () => {
    upstream = await streamingUpstream(["Hel", "lo"], "hang");
    server = await startTestServer({ env: { CHAT_UPSTREAM_URL: upstream.url } });
    const user = await server.actor({ dailyMessageLimit: 2 });
    const abort = new AbortController();
    const res = await openStream(user.token, abort.signal);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: delta");
    abort.abort();
    expect(await settled(user.id, { committed: 1, reserved: 0 })).toMatchObject({ committed: 1, reserved: 0 });
    expect(await usage(server.url, user.token)).toMatchObject({ used: 1, remaining: 1 });
  });

  it("releases a stream that fails on the server's side", async () => {
    upstream = await streamingUpstream(["Hel"], "break");
    server = await startTestServer({ env: { CHAT_UPSTREAM_URL: upstream.url } });
    const user = await server.actor({ dailyMessageLimit: 2 });
    const res = await openStream(user.token);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(await settled(user.id, { committed: 0, reserved: 0 })).toMatchObject({ committed: 0, live: 0 });
    expect(await usage(server.url, user.token)).toMatchObject({ used: 0, remaining: 2 });
  });

  it("forwards a complete upstream stream and counts it", async () => {
    upstream = await streamingUpstream(["Hel", "lo"], "done");
    server = await startTestServer({ env: { CHAT_UPSTREAM_URL: upstream.url } });
    const user = await server.actor({ dailyMessageLimit: 2 });
    const text = await (await openStream(user.token)).text();
    expect(text).toContain(`event: done\ndata: ${JSON.stringify({ reply: "Hello" })}`);
    expect(await ledger(server.deps.db, user.id, server.deps.clock.now())).toMatchObject({ committed: 1, reserved: 0 });
  });
});
