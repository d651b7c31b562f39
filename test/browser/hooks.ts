// The set-up the browser suites share: one Chromium per file over a built panel, a fresh server per test.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser.ts";
import { ensurePanelBuilt } from "./build-panel.ts";
import { ADMIN_EMAIL, startPanelServer, type PanelServer } from "./panel-server.ts";
import { signIn, type SignedIn } from "./session.ts";

/** Registers the file's hooks; the returned getter gives the browser inside tests. */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensurePanelBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());
  return () => browser!;
}

export interface AdminPanel {
  readonly browser: Browser;
  readonly server: PanelServer;
  /** The first admin, signed in on a page of their own after `seed` ran (so seeded rows are on screen). */
  readonly admin: SignedIn;
}

/** Each test gets its own server and database, seeded, with the admin signed in. */
export function useAdminPanel(seed: (server: PanelServer) => Promise<void> = async () => {}): AdminPanel {
  const browser = useChromium();
  let server: PanelServer | undefined;
  let admin: SignedIn | undefined;
  beforeEach(async () => {
    server = await startPanelServer();
    await seed(server);
    admin = await signIn(browser(), server, ADMIN_EMAIL);
  });
  afterEach(async () => {
    await admin?.close();
    await server?.stop();
    admin = server = undefined;
  });
  return {
    get browser() {
      return browser();
    },
    get server() {
      return server!;
    },
    get admin() {
      return admin!;
    },
  };
}
