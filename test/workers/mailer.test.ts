import { afterEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/core/config.ts";
import { workerMailer } from "../../src/workers/mailer.ts";

const log = { info: () => {}, error: () => {} };
afterEach(() => vi.restoreAllMocks());

describe("mail on the Worker", () => {
  it("sends through the http transport with the runtime's fetch", async () => {
    const sent: { url: string; auth: string | null; body: unknown }[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, auth: request.headers.get("authorization"), body: await request.json() });
      return new Response(null, { status: 202 });
    });
    const config = loadConfig({ MAIL_TRANSPORT: "http", MAIL_HTTP_URL: "https://mail.test/send", MAIL_HTTP_TOKEN: "t0ken", MAIL_FROM: "Gate <g@example.com>" });
    await workerMailer(config, log).send({ to: "ana@example.com", subject: "Hi", text: "Hello", html: "<p>Hello</p>" });
    expect(sent).toEqual([
      {
        url: "https://mail.test/send",
        auth: "Bearer t0ken",
        body: { from: "Gate <g@example.com>", to: "ana@example.com", subject: "Hi", text: "Hello", html: "<p>Hello</p>" },
      },
    ]);
  });

  it("refuses SMTP, which needs Node sockets, with a line naming the variable", () => {
    const config = loadConfig({ MAIL_TRANSPORT: "smtp", SMTP_URL: "smtp://localhost:25" });
    expect(() => workerMailer(config, log)).toThrow(/MAIL_TRANSPORT=smtp/);
  });
});
