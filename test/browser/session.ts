// Signing in as a user would: open a one-time link, press "Sign in", land in the panel.
import type { Browser, Page } from "playwright-core";
import { newWatchedPage, type PageWatch } from "./browser.ts";
import type { PanelServer } from "./panel-server.ts";

export interface SignedIn {
  page: Page;
  watch: PageWatch;
  close(): Promise<void>;
}

export async function signIn(
  browser: Browser,
  server: PanelServer,
  email: string,
  viewport?: { width: number; height: number },
): Promise<SignedIn> {
  const { context, page, watch } = await newWatchedPage(browser, viewport);
  await page.goto(await server.signinLink(email));
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/auth/")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await page.locator("main h1").waitFor();
  return { page, watch, close: () => context.close() };
}

/** The table row of one account on the current page. */
export const rowOf = (page: Page, email: string) => page.locator(`table.users tbody tr[data-email="${email}"]`);

/** Waits for the page-level notice to say `text`; returns its ARIA role ("alert" for refusals) and full text. */
export async function waitForNotice(page: Page, text: string | RegExp): Promise<{ role: string | null; text: string }> {
  const notice = page.getByTestId("notice").filter({ hasText: text });
  await notice.waitFor();
  return { role: await notice.getAttribute("role"), text: (await notice.textContent()) ?? "" };
}

/** Waits until the Users page has no list request in flight, so what is on screen is the server's answer. */
export const listSettled = (page: Page) => page.locator('section.users-page[aria-busy="false"]').waitFor();
