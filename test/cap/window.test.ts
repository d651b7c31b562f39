// The rolling 24-hour window by epoch time, stale reservations, limit changes, suspension, who is limited.
import { afterEach, describe, expect, it } from "vitest";
import { admitChat } from "../../src/core/cap/cap.ts";
import { HOUR, MINUTE } from "../../src/core/clock.ts";
import { TestClock } from "../support/deps.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { chat, ledger, parseRateLimit, usage } from "./support.ts";

let server: TestServer;
afterEach(() => server?.stop());

/** Chats at fixed offsets from a start time and records, hour by hour, who was admitted. */
async function playDay(tz: string) {
  const previous = process.env.TZ;
  process.env.TZ = tz;
  try {
    // 23:30 UTC: a calendar day would reset in 30 minutes; the window does not.
    const clock = new TestClock(Date.UTC(2026, 2, 28, 23, 30));
    server = await startTestServer({ clock });
    const user = await server.actor({ dailyMessageLimit: 2 });
    const log: string[] = [];
    const step = async (label: string) => {
      const res = await chat(server.url, user.token);
      log.push(`${label}:${res.status}:${res.headers.get("RateLimit")}`);
    };
    await step("t0");
    clock.advance(2 * HOUR);
    await step("t0+2h");
    await step("t0+2h again");
    clock.advance(22 * HOUR - 1);
    await step("1 ms before t0+24h");
    clock.advance(1);
    await step("t0+24h");
    await step("t0+24h again");
    clock.advance(2 * HOUR);
    await step("t0+26h");
    await server.stop();
    return log;
  } finally {
    process.env.TZ = previous;
  }
}

describe("the rolling window", () => {
  it("gives each slot back exactly 24 hours after its chat, not at midnight, in any time zone", async () => {
    const utc = await playDay("UTC");
    expect(utc).toEqual([
      't0:200:"daily";r=1;t=86400',
      't0+2h:200:"daily";r=0;t=79200',
      't0+2h again:429:"daily";r=0;t=79200',
      '1 ms before t0+24h:429:"daily";r=0;t=1',
      't0+24h:200:"daily";r=0;t=7200',
      't0+24h again:429:"daily";r=0;t=7200',
      't0+26h:200:"daily";r=0;t=79200',
    ]);
    expect(await playDay("Pacific/Chatham")).toEqual(utc);
  });

  it("frees a reservation whose request never finished after 10 minutes", async () => {
    const clock = new TestClock();
    server = await startTestServer({ clock });
    const user = await server.actor({ dailyMessageLimit: 1 });
    expect((await admitChat(server.deps, user.id)).kind).toBe("reserved"); // never settled: a crashed request
    expect(await usage(server.url, user.token)).toMatchObject({ used: 1, remaining: 0 });
    expect((await chat(server.url, user.token)).status).toBe(429);
    clock.advance(10 * MINUTE - 1);
    expect((await chat(server.url, user.token)).status).toBe(429);
    clock.advance(1);
    expect((await chat(server.url, user.token)).status).toBe(200);
    expect(await ledger(server.deps.db, user.id, clock.now())).toMatchObject({ live: 1, reserved: 0 });
  });
});

describe("pruning", () => {
  it("deletes rows that left the window as new chats are settled, without any cron job", async () => {
    const clock = new TestClock();
    server = await startTestServer({ clock });
    const user = await server.actor({ dailyMessageLimit: 100 });
    for (let i = 0; i < 5; i++) expect((await chat(server.url, user.token)).status).toBe(200);
    clock.advance(25 * HOUR);
    for (let i = 0; i < 10; i++) expect((await chat(server.url, user.token)).status).toBe(200);
    expect(await ledger(server.deps.db, user.id, clock.now())).toMatchObject({ committed: 10, live: 10 });
    expect(await usage(server.url, user.token)).toMatchObject({ used: 10, remaining: 90 });
  });
});

describe("who is limited, and changes", () => {
  it("applies a changed limit on the next request, lowered below what is already used", async () => {
    server = await startTestServer({ clock: new TestClock() });
    const admin = await server.actor({ role: "admin" });
    const user = await server.actor({ dailyMessageLimit: 5 });
    for (let i = 0; i < 4; i++) expect((await chat(server.url, user.token)).status).toBe(200);
    await admin.client.users.setMessageLimit.mutate({ id: user.id, limit: 2 });
    const refused = await chat(server.url, user.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("RateLimit-Policy")).toBe('"daily";q=2;w=86400');
    expect(await usage(server.url, user.token)).toMatchObject({ limit: 2, used: 4, remaining: 0 });
    await admin.client.users.setMessageLimit.mutate({ id: user.id, limit: 6 });
    expect(parseRateLimit((await chat(server.url, user.token)).headers.get("RateLimit"))?.r).toBe(1);
    await admin.client.users.setMessageLimit.mutate({ id: user.id, limit: null });
    const free = await chat(server.url, user.token);
    expect(free.status).toBe(200);
    expect(free.headers.get("RateLimit")).toBeNull();
    expect(await usage(server.url, user.token)).toMatchObject({ limit: null, used: 6, remaining: null });
  });

  it("stops a suspended user's chats at once", async () => {
    server = await startTestServer({ clock: new TestClock() });
    const admin = await server.actor({ role: "admin" });
    const user = await server.actor({ dailyMessageLimit: 5 });
    expect((await chat(server.url, user.token)).status).toBe(200);
    await admin.client.users.suspend.mutate({ id: user.id });
    const res = await chat(server.url, user.token);
    expect(res.status).toBe(401);
    expect(await ledger(server.deps.db, user.id, server.deps.clock.now())).toMatchObject({ committed: 1, reserved: 0 });
  });

  it("never limits admins or users without a limit, sends them no headers, and records their chats", async () => {
    server = await startTestServer({ clock: new TestClock() });
    const admin = await server.actor({ role: "admin", dailyMessageLimit: 1 });
    const free = await server.actor({ role: "default", dailyMessageLimit: null });
    for (const who of [admin, free]) {
      for (let i = 0; i < 3; i++) {
        const res = await chat(server.url, who.token);
        expect(res.status).toBe(200);
        expect(res.headers.get("RateLimit")).toBeNull();
        expect(res.headers.get("RateLimit-Policy")).toBeNull();
      }
    }
    const page = await admin.client.users.list.query({});
    const counts = Object.fromEntries(page.items.map((u) => [u.id, u.messagesLast24h]));
    expect(counts[admin.id]).toBe(3);
    expect(counts[free.id]).toBe(3);
    expect(await usage(server.url, admin.token)).toMatchObject({ limit: null, used: 3, remaining: null });
  });
});
