// Getting in and out of the panel: one-time links, the sign-in page, sign-out, and the not-allowed page.
import { sessions } from "../../db/schema.ts";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { newWatchedPage, runBrowserTests } from "./browser.ts";
import { useChromium } from "./hooks.ts";
import { ADMIN_EMAIL, startPanelServer, type PanelServer } from "./panel-server.ts";
import { rowOf, signIn } from "./session.ts";

describe.skipIf(!runBrowserTests)("signing in and out", () => {
  const browser = useChromium();
  let server: PanelServer;
  beforeEach(async () => {
    server = await startPanelServer();
  });
  afterEach(async () => server?.stop());

  test("an admin signs in through a one-time link and lands on the Users page", async () => {
    const { page, context, watch } = await newWatchedPage(browser());
    const link = await server.signinLink(ADMIN_EMAIL);
    await page.goto(link);
    await page.reload(); // opening the link again (as a mail scanner would) must not use it up
    expect(await page.getByRole("button", { name: "Sign in" }).count()).toBe(1);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url() === link),
      page.waitForURL(`${server.url}/admin/users`),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(response.status()).toBe(303);
    const cookie = (await context.cookies()).find((c) => c.name === "gatehouse_session");
    expect(cookie?.httpOnly).toBe(true);
    await rowOf(page, ADMIN_EMAIL).waitFor();
    expect(await rowOf(page, ADMIN_EMAIL).textContent()).toContain("(you)");
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  test("a used link is refused the second time, on opening it, with a way back to the sign-in page", async () => {
    const link = await server.signinLink(ADMIN_EMAIL);
    const first = await newWatchedPage(browser());
    await first.page.goto(link);
    await first.page.getByRole("button", { name: "Sign in" }).click();
    await first.page.waitForLoadState();
    expect((await first.context.cookies()).some((c) => c.name === "gatehouse_session")).toBe(true);
    await first.context.close();

    const second = await newWatchedPage(browser());
    const answer = await second.page.goto(link);
    expect(answer?.status()).toBe(400);
    await second.page.getByRole("heading", { name: "This sign-in link cannot be used" }).waitFor();
    expect(await second.page.getByRole("button", { name: "Sign in" }).count()).toBe(0);
    await second.page.getByRole("link", { name: "Go to the sign-in page" }).waitFor();
    expect((await second.context.cookies()).some((c) => c.name === "gatehouse_session")).toBe(false);
    await second.context.close();
  });

  test("a signed-out visitor gets the sign-in page and can ask for a link by email", async () => {
    await server.createUser("ana@example.com", "manager");
    const { page, context } = await newWatchedPage(browser());
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    await page.getByLabel("Email").fill("ana@example.com");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    const outcome = page.locator("main [role=status], main [role=alert]").first();
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain("Check your inbox");
    expect(server.mail.sent.map((m) => m.to)).toContain("ana@example.com");
    await context.close();
  });

  test("a shared link opened while signed out shows its view once the visitor signs in", async () => {
    await server.seedUser({ email: "zed@example.com", role: "guest" });
    const { page, context } = await newWatchedPage(browser());
    await page.goto(`${server.url}/admin/users?q=zed&role=guest`);
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    expect(await page.getByText("Your session has ended").count()).toBe(0); // nothing ended: they were never in
    await page.goto(await server.signinLink(ADMIN_EMAIL));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/users" && url.searchParams.get("q") === "zed");
    expect(new URL(page.url()).searchParams.get("role")).toBe("guest");
    await page.locator('table.users tbody tr[data-email="zed@example.com"]').waitFor();
    await context.close();
  });

  test("signing out ends the session", async () => {
    const { page, close } = await signIn(browser(), server, ADMIN_EMAIL);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    const status = await page.evaluate(async () => (await fetch("/trpc/me.get")).status);
    expect(status).toBe(401);
    await close();
  });

  test("when the session is revoked elsewhere, the next request shows the sign-in page", async () => {
    const { page, close } = await signIn(browser(), server, ADMIN_EMAIL);
    const sortByRole = page.getByRole("columnheader", { name: /Role/ }).getByRole("button");
    await sortByRole.waitFor(); // the table is on screen before the session goes
    await server.deps.db.delete(sessions); // as suspension or a role change would
    await sortByRole.click();
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    expect(await page.locator("table").count()).toBe(0);
    await page.getByText("Your session has ended").waitFor();
    await close();
  });

  test("a default user sees a polite not-allowed page instead of the table", async () => {
    await server.createUser("dee@example.com", "default");
    const { page, close } = await signIn(browser(), server, "dee@example.com");
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    expect(await page.locator("table").count()).toBe(0);
    expect(await page.locator("main").textContent()).toContain("dee@example.com");
    await close();
  });
});
