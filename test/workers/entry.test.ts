import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/worker.ts";

const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
const get = (bindings: Record<string, unknown>) => worker.fetch(new Request("https://gatehouse.test/healthz"), bindings, ctx);
afterEach(() => vi.restoreAllMocks());

describe("the Worker entry", () => {
  it("refuses to start without a database, logging the one line that says what to bind, and telling clients nothing more", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await get({});
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: "MISCONFIGURED" } });
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/bind a D1 database as DB, or set DATABASE_URL/);
  });

  it("refuses a file: DATABASE_URL, which needs Node, and names bad settings", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await get({ DB: env.DB, DATABASE_URL: "file:./data/gatehouse.db" })).status).toBe(500);
    expect(String(logged.mock.calls[0]?.[0])).toMatch(/DATABASE_URL on Workers must start with libsql:\/\//);
    expect((await get({ DB: env.DB, AUTH_MODE: "saml" })).status).toBe(500);
    expect(String(logged.mock.calls[1]?.[0])).toMatch(/AUTH_MODE/);
  });

  it("serves from the D1 binding when DATABASE_URL is not set", async () => {
    const response = await get({ DB: env.DB });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});
