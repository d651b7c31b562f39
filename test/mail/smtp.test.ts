// The smtp transport against a real SMTP server on 127.0.0.1: what arrives, and what a failure leaves behind.
import { createServer, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { invitations, users } from "../../db/schema.ts";
import { loadConfig } from "../../src/core/config.ts";
import { mailerFor } from "../../src/node/mailer.ts";
import { TestClock, TestLog } from "../support/deps.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { readMime, startSmtpSink } from "./support/smtp-sink.ts";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function serverMailingThrough(smtpUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  const mailEnv = { MAIL_TRANSPORT: "smtp", SMTP_URL: smtpUrl, MAIL_FROM: "Gatehouse <noreply@gatehouse.test>", ...env };
  const server = await startTestServer({ env: mailEnv, clock: new TestClock(), mailer: mailerFor(loadConfig(mailEnv), new TestLog()) });
  stops.push(() => server.stop());
  return server;
}

describe("the smtp mail transport", () => {
  it("delivers the invitation with the inviter, the escaped welcome message, the link and its expiry", async () => {
    const sink = await startSmtpSink({ user: "mailer", password: "p@ss word" });
    stops.push(sink.stop);
    const server = await serverMailingThrough(`smtp://mailer:${encodeURIComponent("p@ss word")}@127.0.0.1:${sink.port}`);
    const admin = await server.actor({ role: "admin", displayName: "Rita Admin" });
    await admin.client.users.invite.mutate({ email: "Sam@Example.com", role: "default", welcomeMessage: "Hi <b>Sam</b> & co" });

    expect(sink.received).toHaveLength(1);
    const [mail] = sink.received;
    expect(mail).toMatchObject({ from: "noreply@gatehouse.test", to: ["sam@example.com"], user: "mailer" });
    const { headers, text, html } = readMime(mail!.raw);
    expect(headers.from).toBe("Gatehouse <noreply@gatehouse.test>");
    expect(headers.to).toBe("sam@example.com");
    expect(headers.subject).toContain("Rita Admin");
    expect(headers["content-type"]).toMatch(/^multipart\/alternative/);

    const link = text.match(/https?:\/\/\S+/)?.[0];
    expect(link).toMatch(new RegExp(`^${server.url}/invite/[a-z2-7]{32}$`));
    expect(text).toContain("Hi <b>Sam</b> & co");
    expect(html).toContain("Hi &lt;b&gt;Sam&lt;/b&gt; &amp; co");
    expect(html).not.toContain("<b>Sam</b>");
    expect(html).toContain(`href="${link}"`);
    const expires = new Date(server.deps.clock.now() + 7 * 86_400_000).toUTCString();
    expect(text).toContain(expires);

    const landing = await fetch(link!);
    expect(landing.status).toBe(200);
    const sam = await server.deps.db.select().from(users).where(eq(users.email, "sam@example.com")).get();
    const invitation = await server.deps.db.select().from(invitations).where(eq(invitations.userId, sam!.id)).get();
    expect(invitation).toMatchObject({ sentAt: expect.any(Number), deliveryError: null });
  });

  it("keeps the invitation with a delivery error when the server is unreachable, and a resend delivers it", async () => {
    const down = await startSmtpSink();
    await down.stop(); // a port where nothing listens any more
    const server = await serverMailingThrough(`smtp://127.0.0.1:${down.port}`);
    const admin = await server.actor({ role: "admin" });
    const { user } = await admin.client.users.invite.mutate({ email: "tia@example.com", role: "guest" });
    expect(user.status).toBe("pending");
    const row = await server.deps.db.select().from(invitations).where(eq(invitations.userId, user.id)).get();
    expect(row).toMatchObject({ sentAt: null, deliveryError: expect.any(String) });
    expect(server.log.errors).toHaveLength(1);

    const sink = await startSmtpSink({ port: down.port }); // the mail server is back
    stops.push(sink.stop);
    await admin.client.users.resendInvite.mutate({ id: user.id });
    expect(sink.received.map((m) => m.to)).toEqual([["tia@example.com"]]);
    const after = await server.deps.db.select().from(invitations).where(eq(invitations.userId, user.id)).get();
    expect(after).toMatchObject({ sentAt: expect.any(Number), deliveryError: null });
    expect((await fetch(readMime(sink.received[0]!.raw).text.match(/https?:\/\/\S+/)![0])).status).toBe(200);
  });

  it("gives up on a server that never greets, within the timeout set in SMTP_URL", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    stops.push(() => new Promise((resolve) => (sockets.forEach((s) => s.destroy()), silent.close(() => resolve()))));
    const { port } = silent.address() as { port: number };
    const server = await serverMailingThrough(`smtp://127.0.0.1:${port}?greetingTimeout=300`);
    const admin = await server.actor({ role: "admin" });
    const started = Date.now();
    const { user } = await admin.client.users.invite.mutate({ email: "wan@example.com", role: "guest" });
    expect(Date.now() - started).toBeLessThan(5_000);
    const row = await server.deps.db.select().from(invitations).where(eq(invitations.userId, user.id)).get();
    expect(row).toMatchObject({ sentAt: null, deliveryError: expect.any(String) });
  });
});
