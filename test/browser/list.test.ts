// The list itself: paging past one page, search, filters, sorting, and the URL as the view's state.
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, test } from "vitest";
import type { Role, Status } from "../../src/core/policy.ts";
import { runBrowserTests } from "./browser.ts";
import { useAdminPanel } from "./hooks.ts";
import { ADMIN_EMAIL } from "./panel-server.ts";
import { listSettled, signIn } from "./session.ts";

const ROLES: Role[] = ["manager", "default", "guest"];
const SEEDED = 32; // more than one page of 25

/** Emails of the rows on screen, in order. */
const shownEmails = (page: Page) => page.locator("table.users tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-email")));
const countText = async (page: Page) => (await page.locator(".pager .count").textContent())?.replace(/\s+/g, " ");

describe.skipIf(!runBrowserTests)("the users list", () => {
  const panel = useAdminPanel(async (server) => {
    const start = Date.now() - 60 * 86_400_000;
    for (let i = 1; i <= SEEDED; i++) {
      const role = ROLES[i % 3]!;
      const status: Status = i % 5 === 0 ? "suspended" : i % 7 === 0 ? "pending" : "active";
      const name = i % 4 === 0 ? `Zed Person ${i}` : `Person ${i}`;
      await server.seedUser({ email: `user${String(i).padStart(2, "0")}@example.com`, role, status, displayName: name, createdAt: start + i * 3_600_000 });
    }
  });
  beforeEach(() => panel.admin.page.locator("table.users tbody tr").first().waitFor());

  test("pages through every row exactly once, with the total shown, and a reload keeps the page", async () => {
    const { page } = panel.admin;
    const total = SEEDED + 1; // plus the admin
    expect(await countText(page)).toBe(`Showing 1–25 of ${total}`);
    await page.getByText(`${total} users`, { exact: true }).waitFor();
    const first = await shownEmails(page);
    await page.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(`Showing 26–${total} of ${total}`).waitFor();
    const second = await shownEmails(page);
    expect(new Set([...first, ...second]).size).toBe(total);
    expect(await page.getByRole("button", { name: "Next" }).count()).toBe(0);

    await page.reload();
    await page.getByText(`Showing 26–${total} of ${total}`).waitFor();
    expect(await shownEmails(page)).toEqual(second);
    await page.getByRole("button", { name: "Previous" }).click();
    await page.getByText(`Showing 1–25 of ${total}`).waitFor();
    expect(await shownEmails(page)).toEqual(first);
  });

  test("inviting from a full page keeps the numbering true, in the default view and in one the new row is not part of", async () => {
    const { page } = panel.admin;
    const total = SEEDED + 1;
    const invite = async (email: string) => {
      await page.getByRole("button", { name: "Add user" }).click();
      await page.getByRole("dialog").getByLabel("Email").fill(email);
      await page.getByRole("dialog").getByRole("button", { name: "Send invitation" }).click();
      await page.locator(`table.users tbody tr[data-email="${email}"]`).waitFor();
      await listSettled(page);
    };
    // Newest first: the new row belongs on top of page 1, which the server re-reads.
    await invite("new1@example.com");
    expect(await countText(page)).toBe(`Showing 1–25 of ${total + 1}`);
    expect((await shownEmails(page))[0]).toBe("new1@example.com");
    expect(await page.getByText("Just invited").count()).toBe(0);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText(`Showing 26–${total + 1} of ${total + 1}`).waitFor();

    // By email A→Z, "zz…" is not on page 1: it stays pinned on top, marked, outside the range.
    await page.goto(`${panel.server.url}/admin/users?sort=email&order=asc`);
    await listSettled(page);
    await invite("zz-new@example.com");
    await page.getByText("Just invited").waitFor();
    expect(await countText(page)).toBe(`Showing 1–25 of ${total + 2}`);
    expect((await shownEmails(page)).length).toBe(26);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText(`Showing 26–${total + 2} of ${total + 2}`).waitFor();
    expect(await shownEmails(page)).toContain("zz-new@example.com"); // now in its place
  });

  test("search is done by the server, debounced, and kept in the URL", async () => {
    const { page } = panel.admin;
    // A pause after "zed " lets the debounced search run mid-phrase; the space must survive it.
    await page.getByLabel("Search").pressSequentially("zed ");
    await page.waitForURL(/q=zed(&|$)/);
    await page.getByLabel("Search").pressSequentially("person");
    await page.waitForURL(/q=zed\+person|q=zed%20person/);
    const expected = Array.from({ length: SEEDED }, (_, k) => k + 1).filter((i) => i % 4 === 0).length;
    await page.getByText(`Showing 1–${expected} of ${expected}`).waitFor();
    await page.getByText(`${expected} matching`, { exact: true }).waitFor();
    for (const name of await page.locator("td.display-name").allTextContents()) expect(name).toMatch(/^Zed Person/);

    await page.reload();
    await page.getByText(`Showing 1–${expected} of ${expected}`).waitFor();
    expect(await page.getByLabel("Search").inputValue()).toBe("zed person");

    await page.getByLabel("Search").fill("nobody-here");
    await page.getByText("No users match this view.").waitFor();
    await page.getByRole("button", { name: "Clear search and filters" }).click();
    await page.getByText(`Showing 1–25 of ${SEEDED + 1}`).waitFor();
  });

  test("filters by role and status, and a shared link shows the same view", async () => {
    const { page } = panel.admin;
    await page.getByLabel("Role", { exact: true }).selectOption("guest");
    await page.getByLabel("Status", { exact: true }).selectOption("suspended");
    await page.waitForURL((url) => url.searchParams.get("role") === "guest" && url.searchParams.get("status") === "suspended");
    const expected = Array.from({ length: SEEDED }, (_, k) => k + 1).filter((i) => ROLES[i % 3] === "guest" && i % 5 === 0);
    await listSettled(page);
    expect(await countText(page)).toBe(`Showing 1–${expected.length} of ${expected.length}`);
    const wanted = expected.map((i) => `user${String(i).padStart(2, "0")}@example.com`).sort();
    expect([...(await shownEmails(page))].sort()).toEqual(wanted);

    const shared = page.url();
    const other = await signIn(panel.browser, panel.server, ADMIN_EMAIL);
    await other.page.goto(shared);
    await other.page.locator("table.users tbody tr").first().waitFor();
    await listSettled(other.page);
    expect([...(await shownEmails(other.page))].sort()).toEqual(wanted);
    expect(await other.page.getByLabel("Role", { exact: true }).inputValue()).toBe("guest");
    await other.close();
  });

  test("a broken cursor in a link shows the error state, with a way back to the first page", async () => {
    const { page } = panel.admin;
    await page.goto(`${panel.server.url}/admin/users?cursor=not-a-cursor&page=3`);
    const error = page.getByRole("alert").filter({ hasText: "Couldn't load users" });
    await error.waitFor();
    await error.getByRole("button", { name: "Go to the first page" }).click();
    await page.getByText(`Showing 1–25 of ${SEEDED + 1}`).waitFor();
    expect(new URL(page.url()).searchParams.has("cursor")).toBe(false);
  });

  test("sorts by a column header, both ways", async () => {
    const { page } = panel.admin;
    const header = page.getByRole("columnheader", { name: /Email or username/ });
    await header.getByRole("button").click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "email" && url.searchParams.get("order") === "asc");
    await listSettled(page);
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const ascending = await shownEmails(page);
    expect(ascending).toEqual([ADMIN_EMAIL, ...Array.from({ length: 24 }, (_, k) => `user${String(k + 1).padStart(2, "0")}@example.com`)]);

    await header.getByRole("button").click();
    await page.waitForURL((url) => url.searchParams.get("order") === "desc");
    await listSettled(page);
    expect(await header.getAttribute("aria-sort")).toBe("descending");
    expect((await shownEmails(page)).slice(0, 3)).toEqual(["user32@example.com", "user31@example.com", "user30@example.com"]);
  });
});
