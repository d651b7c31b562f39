import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";

let server: TestServer;
afterEach(() => server?.stop());

describe("the Node server", () => {
  it("answers health checks and lists users to an admin over tRPC", async () => {
    server = await startTestServer();
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    const admin = await server.actor({ role: "admin" });
    const page = await admin.client.users.list.query({});
    expect(page.total).toBe(2); // the bootstrapped admin and this one
    expect(page.items.map((u) => u.role)).toEqual(["admin", "admin"]);
  });
});
