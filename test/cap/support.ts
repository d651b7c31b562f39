// Helpers for the message-cap tests: chatting over real HTTP and reading the ledger directly.
import { sql } from "drizzle-orm";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../../src/db/types.ts";

export async function chat(url: string, token: string, body: unknown = { message: "hello" }, path = "/api/chat") {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith("{") ? JSON.parse(text) : text };
}

export async function usage(url: string, token: string) {
  const res = await fetch(`${url}/api/usage`, { headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as { limit: number | null; used: number; remaining: number | null; resetAt: string | null };
}

/** The ledger as rows, counted without the running counter: what the counter must agree with. */
export async function ledger(db: Db, userId: string, now: number) {
  const rows = await db.all<{ state: string; at: number; expires_at: number }>(
    sql`SELECT state, at, expires_at FROM message_events WHERE user_id = ${userId} ORDER BY at`,
  );
  const live = rows.filter((r) => r.expires_at > now);
  return {
    committed: rows.filter((r) => r.state === "committed").length,
    live: live.length,
    liveCommitted: live.filter((r) => r.state === "committed"),
    reserved: live.filter((r) => r.state === "reserved").length,
  };
}

/** Parses `"daily";r=3;t=86400` into {r, t}. */
export function parseRateLimit(value: string | null) {
  const m = value?.match(/^"daily";r=(\d+);t=(\d+)$/);
  return m ? { r: Number(m[1]), t: Number(m[2]) } : null;
}

/** A real local HTTP server standing in for the OpenAI-compatible upstream. */
export async function startUpstream(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
