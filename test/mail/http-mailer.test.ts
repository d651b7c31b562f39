// The http transport (Web fetch, so it also runs on Workers) against a real HTTP endpoint on 127.0.0.1.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { invitations } from "../../db/schema.ts";
import { ConfigError, loadConfig } from "../../src/core/config.ts";
import { httpMailer } from "../../src/core/mail/http-mailer.ts";
import { mailerFor } from "../../src/node/mailer.ts";
import { TestLog } from "../support/deps.ts";
import { startTestServer } from "../support/server.ts";

interface Captured {
  method: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function startMailApi(status: number) {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c));
    req.on("end", () => {
      requests.push({ method: req.method!, headers: req.headers, body: JSON.parse(text) });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, requests, status };
}

describe("the http mail transport", () => {
  it("posts each message as JSON with the bearer token", async () => {
    const api = await startMailApi(202);
    const mailer = httpMailer({ url: api.url, token: "secret-token", from: "Gatehouse <noreply@gatehouse.test>" });
    await mailer.send({ to: "uma@example.com", subject: "Hello", text: "plain", html: "<p>rich</p>" });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe("POST");
    expect(request!.headers.authorization).toBe("Bearer secret-token");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.body).toEqual({ from: "Gatehouse <noreply@gatehouse.test>", to: "uma@example.com", subject: "Hello", text: "plain", html: "<p>rich</p>" });
  });

  it("delivers invitations when chosen by configuration, and records a refusal as a delivery error", async () => {
    const refusing = await startMailApi(500);
    const env = { MAIL_TRANSPORT: "http", MAIL_HTTP_URL: refusing.url, MAIL_HTTP_TOKEN: "t" };
    const server = await startTestServer({ env, mailer: mailerFor(loadConfig(env), new TestLog()) });
    stops.push(() => server.stop());
    const admin = await server.actor({ role: "admin" });
    const { user } = await admin.client.users.invite.mutate({ email: "vic@example.com", role: "guest" });
    expect(refusing.requests).toHaveLength(1);
    expect((refusing.requests[0]!.body as { to: string }).to).toBe("vic@example.com");
    const row = await server.deps.db.select().from(invitations).where(eq(invitations.userId, user.id)).get();
    expect(row).toMatchObject({ sentAt: null, deliveryError: expect.any(String) });
  });
});

describe("mail configuration", () => {
  it("uses the console transport by default, which prints the message and its link", async () => {
    const log = new TestLog();
    await mailerFor(loadConfig({}), log).send({ to: "wes@example.com", subject: "S", text: "Open http://localhost:8787/invite/abc", html: "" });
    expect(log.infos).toHaveLength(1);
    expect(log.infos[0]).toContain("wes@example.com");
    expect(log.infos[0]).toContain("http://localhost:8787/invite/abc");
  });

  it("stops start-up with a line naming the missing variable", () => {
    expect(() => loadConfig({ MAIL_TRANSPORT: "smtp" })).toThrow(ConfigError);
    expect(() => loadConfig({ MAIL_TRANSPORT: "smtp" })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAIL_TRANSPORT: "http" })).toThrow(/MAIL_HTTP_URL/);
    expect(() => loadConfig({ MAIL_TRANSPORT: "carrier-pigeon" })).toThrow(/MAIL_TRANSPORT/);
  });
});
