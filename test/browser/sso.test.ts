// In sso mode the sign-in page offers single sign-on, and the whole round trip lands on the Users page.
import { afterEach, describe, expect, test } from "vitest";
import { startSsoSetup, type SsoSetup } from "../auth/support/sso-setup.ts";
import { newWatchedPage, runBrowserTests } from "./browser.ts";
import { useChromium } from "./hooks.ts";

describe.skipIf(!runBrowserTests)("sign-in in sso mode", () => {
  const browser = useChromium();
  let setup: SsoSetup | undefined;
  afterEach(async () => setup?.stop());

  test("a manager continues with SSO, signs in at the provider, and lands on the Users page", async () => {
    setup = await startSsoSetup();
    const { server, provider, publicUrl } = setup;
    await server.seedUser({ email: "ana@example.com", role: "manager" });
    provider.accounts.set("sub-ana", { email: "ana@example.com", email_verified: true, name: "Ana" });

    const { page, context } = await newWatchedPage(browser());
    await page.goto(`${publicUrl}/`);
    await page.getByRole("heading", { name: "Sign in to Gatehouse" }).waitFor();
    expect(await page.getByLabel("Email").count()).toBe(0); // no email form in sso mode
    const sso = page.getByRole("link", { name: "Continue with SSO" });
    expect(await sso.getAttribute("href")).toBe("/auth/sso/start");

    await sso.click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    // oidc-provider's development screens: a login form, then consent.
    await page.locator('input[name="login"]').fill("sub-ana");
    await page.locator('input[name="password"]').fill("any");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.href.startsWith(publicUrl) || url.pathname.includes("/interaction/"));
    if (!page.url().startsWith(publicUrl)) await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${publicUrl}/admin/users`);
    await page.locator('tr[data-email="ana@example.com"]').waitFor();
    expect(await page.locator('tr[data-email="ana@example.com"]').textContent()).toContain("(you)");
    await context.close();
  });
});
