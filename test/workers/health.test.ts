import { describe, expect, it } from "vitest";
import { call } from "./support.ts";

describe("the Worker", () => {
  it("answers health checks once the database answers", async () => {
    const response = await call("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("serves the panel from the assets binding, with index.html for every /admin route", async () => {
    for (const path of ["/", "/admin/users", "/admin/users/some-id"]) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toMatch(/text\/html/);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'");
      expect(await response.text(), path).toContain('<div id="app">');
    }
  });

  it("answers unknown API paths with the contract's JSON errors, not the panel", async () => {
    const response = await call("/api/nothing-here");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });
});
