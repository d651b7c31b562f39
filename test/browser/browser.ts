// Headless Debian Chromium through playwright-core; a missing browser skips loudly, or fails under CI.
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const found = existsSync(CHROMIUM_PATH);

/** Browser suites run when Chromium exists, and always under CI, where launching a missing one fails. */
export const runBrowserTests = found || Boolean(process.env.CI);

if (!runBrowserTests) {
  console.warn(
    [
      "",
      "!".repeat(78),
      `!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.`,
      "!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH. With CI set, this fails instead.",
      "!".repeat(78),
      "",
    ].join("\n"),
  );
}

export function launchBrowser(): Promise<Browser> {
  if (!found) throw new Error(`CI is set and there is no Chromium at ${CHROMIUM_PATH}: install it or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What a page did that a test may want to forbid: script errors and alert()/confirm() calls. */
export interface PageWatch {
  errors: string[];
  dialogs: string[];
}

export async function newWatchedPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], dialogs: [] };
  page.on("pageerror", (error) => watch.errors.push(error.message));
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, watch };
}
