// The README's picture of the Users page (desktop and 360 px), taken from the real app with realistic data.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { messageEvents, users } from "../../db/schema.ts";
import type { Role, Status } from "../../src/core/policy.ts";
import { launchBrowser, runBrowserTests } from "./browser.ts";
import { ensurePanelBuilt } from "./build-panel.ts";
import { ADMIN_EMAIL, startPanelServer, type PanelServer } from "./panel-server.ts";
import { rowOf, signIn } from "./session.ts";

/** Written on every run; gitignored. web/screenshot.png is a committed copy of users-page.png. */
const ARTIFACTS = fileURLToPath(new URL("./.artifacts/", import.meta.url));
const DAY = 86_400_000;

const PEOPLE: [email: string, name: string, role: Role, status: Status, limit: number | null, daysAgo: number, chats: number][] = [
  ["grace@example.com", "Grace Hopper", "admin", "active", null, 40, 54],
  ["ana.lima@example.com", "Ana Lima", "manager", "active", 500, 31, 212],
  ["kofi@example.com", "Kofi Mensah", "default", "active", 100, 20, 37],
  ["li.wei@example.com", "Li Wei", "default", "suspended", 100, 14, 0],
  ["sam.guest@example.com", "Sam (visitor)", "guest", "active", 20, 6, 20],
  ["noor@example.com", "Noor Haddad", "default", "pending", 100, 1, 0],
];

describe.skipIf(!runBrowserTests)("the Users page, pictured", () => {
  let browser: Browser;
  let server: PanelServer;
  beforeAll(async () => {
    await ensurePanelBuilt();
    browser = await launchBrowser();
    server = await startPanelServer();
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [email, displayName, role, status, dailyMessageLimit, daysAgo, chats] of PEOPLE) {
      const { id } = await server.seedUser({ email, displayName, role, status, dailyMessageLimit, createdAt: Date.now() - daysAgo * DAY });
      if (status !== "pending") {
        await server.deps.db.update(users).set({ lastActiveAt: Date.now() - daysAgo * 3_600_000 }).where(eq(users.id, id));
      }
      // Chats over the last few hours, so the usage column shows what an instance in use looks like.
      for (let i = 0; i < chats; i++) {
        const at = Date.now() - (i + 1) * 60_000;
        await server.deps.db.insert(messageEvents).values({ userId: id, at, expiresAt: at + DAY, state: "committed" });
      }
    }
  });
  afterAll(async () => {
    await server?.stop();
    await browser?.close();
  });

  test("shows every seeded account without sideways scrolling, on a desktop and on a 360 px screen", async () => {
    const admin = await signIn(browser, server, ADMIN_EMAIL);
    const { page } = admin;
    for (const [email] of PEOPLE) await rowOf(page, email).waitFor();
    await page.getByText("212 / 500").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}users-page.png`, fullPage: true });
    // On a desktop the whole table is visible: no column hidden behind sideways scrolling.
    const hidden = await page.locator(".table-wrap").evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth);
    expect(hidden).toBeLessThanOrEqual(0);

    await page.setViewportSize({ width: 360, height: 780 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTIFACTS}users-page-360.png` });
    expect(admin.watch.errors).toEqual([]);
    await admin.close();
  });

  test("long names, emails and bios wrap inside their columns: nothing is hidden sideways, on a desktop or a phone", async () => {
    await server.seedUser({ email: `${"very.long.local.part".repeat(3)}@a-rather-long-domain-name.example.com`, displayName: "X".repeat(100) });
    await server.seedUser({ email: "bio@example.com", displayName: "Bea", role: "guest" });
    await server.deps.db.update(users).set({ bio: "A bio ".repeat(150) }).where(eq(users.email, "bio@example.com"));
    const admin = await signIn(browser, server, ADMIN_EMAIL);
    const { page } = admin;
    await page.getByText("X".repeat(100)).waitFor();
    const hiddenSideways = () =>
      page.evaluate(() => {
        const wrap = document.querySelector(".table-wrap")!;
        const cards = [...document.querySelectorAll("table.users tbody tr")].map((row) => row.getBoundingClientRect().right);
        return { table: wrap.scrollWidth - wrap.clientWidth, card: Math.max(...cards) - wrap.getBoundingClientRect().right };
      });
    expect(await hiddenSideways()).toEqual({ table: 0, card: expect.toSatisfy((n: number) => n <= 0) });
    await page.screenshot({ path: `${ARTIFACTS}users-page-long-values.png`, fullPage: true });
    for (const width of [360, 320]) {
      await page.setViewportSize({ width, height: 780 });
      expect(await hiddenSideways(), `${width} px`).toEqual({ table: 0, card: expect.toSatisfy((n: number) => n <= 0) });
    }
    await page.screenshot({ path: `${ARTIFACTS}users-page-long-values-320.png` });
    expect(admin.watch.errors).toEqual([]);
    await admin.close();
  });
});
