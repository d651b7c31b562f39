// Row actions on the Users page: change role, suspend/unsuspend, delete, limits, and refusals in words.
import { beforeEach, describe, expect, test } from "vitest";
import { runBrowserTests } from "./browser.ts";
import { useAdminPanel } from "./hooks.ts";
import { ADMIN_EMAIL } from "./panel-server.ts";
import { rowOf, signIn, waitForNotice } from "./session.ts";

describe.skipIf(!runBrowserTests)("row actions", () => {
  const panel = useAdminPanel(async (server) => {
    await panel.server.createUser("dee@example.com", "default", "Dee");
  });
  beforeEach(() => rowOf(panel.admin.page, "dee@example.com").waitFor());

  test("an admin changes a role", async () => {
    const { page } = panel.admin;
    await rowOf(page, "dee@example.com").getByRole("button", { name: /^Change role/ }).click();
    const dialog = page.getByRole("dialog", { name: "Change role of dee@example.com" });
    // Nothing is chosen for the operator: Enter alone changes nothing.
    expect(await dialog.getByRole("radio", { checked: true }).count()).toBe(0);
    expect(await dialog.getByRole("button", { name: "Change role" }).isDisabled()).toBe(true);
    await page.keyboard.press("Enter");
    expect((await panel.server.userByEmail("dee@example.com"))?.role).toBe("default");
    await dialog.getByLabel("Manager").check();
    await dialog.getByRole("button", { name: "Change role" }).click();
    await waitForNotice(page, "dee@example.com is now Manager.");
    expect(await rowOf(page, "dee@example.com").locator('td[data-label="Role"]').textContent()).toBe("Manager");
    expect((await panel.server.userByEmail("dee@example.com"))?.role).toBe("manager");
  });

  test("an admin suspends and unsuspends a user", async () => {
    const { page } = panel.admin;
    const row = rowOf(page, "dee@example.com");
    await row.getByRole("button", { name: /^Suspend/ }).click();
    await row.locator(".badge", { hasText: "Suspended" }).waitFor();
    expect((await panel.server.userByEmail("dee@example.com"))?.status).toBe("suspended");
    // Keyboard focus stays on the row: its first action, not the page body.
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-email"))).toBe("dee@example.com");
    // The row now offers what the server says fits a suspended account.
    expect(await row.getByRole("button", { name: /^Suspend/ }).count()).toBe(0);

    await row.getByRole("button", { name: /^Unsuspend/ }).click();
    await row.locator(".badge", { hasText: "Active" }).waitFor();
    expect((await panel.server.userByEmail("dee@example.com"))?.status).toBe("active");
  });

  test("deleting asks first, names the account, offers suspending, and only then deletes", async () => {
    const { page } = panel.admin;
    const row = rowOf(page, "dee@example.com");
    await row.getByRole("button", { name: /^Delete/ }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete dee@example.com?" });
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("dee@example.com");
    expect(text).toContain("can't be undone");
    expect(text).toContain("suspend it instead");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await panel.server.userByEmail("dee@example.com")).not.toBeNull();

    await row.getByRole("button", { name: /^Delete/ }).click();
    await dialog.getByRole("button", { name: "Delete permanently" }).click();
    await waitForNotice(page, "Deleted dee@example.com.");
    await row.waitFor({ state: "detached" });
    expect(await panel.server.userByEmail("dee@example.com")).toBeNull();
  });

  test("an admin sets, rejects a bad value for, and removes a daily message limit", async () => {
    const { page } = panel.admin;
    const row = rowOf(page, "dee@example.com");
    await row.getByRole("button", { name: /^Set limit/ }).click();
    const dialog = page.getByRole("dialog", { name: "Daily message limit for dee@example.com" });
    const input = dialog.getByLabel("Messages per 24 hours");

    await input.fill("0");
    await dialog.getByRole("button", { name: "Save limit" }).click();
    await dialog.locator(".field-error").waitFor(); // the server's zod issue, shown at the field
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    // The button was pressed, yet the focus is back on the field to fix.
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await panel.server.userByEmail("dee@example.com"))?.dailyMessageLimit).toBeNull();

    for (const ambiguous of ["1e3", "1.500"]) {
      await input.fill(ambiguous);
      await dialog.getByRole("button", { name: "Save limit" }).click();
      await dialog.getByText("Enter a whole number of messages").waitFor();
      expect((await panel.server.userByEmail("dee@example.com"))?.dailyMessageLimit, ambiguous).toBeNull();
    }

    await input.fill("1,500");
    await dialog.getByRole("button", { name: "Save limit" }).click();
    await waitForNotice(page, "Daily limit of dee@example.com set to 1,500 messages.");
    expect((await panel.server.userByEmail("dee@example.com"))?.dailyMessageLimit).toBe(1500);

    await row.getByRole("button", { name: /^Set limit/ }).click();
    await input.fill("50");
    await dialog.getByRole("button", { name: "Save limit" }).click();
    await waitForNotice(page, "Daily limit of dee@example.com set to 50 messages.");
    expect(await row.locator('td[data-label="Messages (24 h)"]').textContent()).toBe("0 / 50");
    expect((await panel.server.userByEmail("dee@example.com"))?.dailyMessageLimit).toBe(50);

    await row.getByRole("button", { name: /^Set limit/ }).click();
    await dialog.getByRole("button", { name: "Remove limit" }).click();
    await waitForNotice(page, "Removed the daily limit");
    expect((await panel.server.userByEmail("dee@example.com"))?.dailyMessageLimit).toBeNull();
  });

  test("admins are never offered a limit, and nobody is offered actions on themselves", async () => {
    await panel.server.createUser("ada@example.com", "admin");
    await panel.admin.page.reload();
    const other = rowOf(panel.admin.page, "ada@example.com");
    await other.waitFor();
    expect(await other.getByRole("button", { name: /^Set limit/ }).count()).toBe(0);
    expect(await other.getByRole("button", { name: /^Suspend/ }).count()).toBe(1);
    expect(await rowOf(panel.admin.page, ADMIN_EMAIL).getByRole("button").count()).toBe(0);
  });

  test("a manager acting on a user who was just made a manager sees the refusal, and nothing changes", async () => {
    await panel.server.createUser("mia@example.com", "manager");
    const manager = await signIn(panel.browser, panel.server, "mia@example.com");
    const row = rowOf(manager.page, "dee@example.com");
    await row.getByRole("button", { name: /^Suspend/ }).waitFor();

    // Meanwhile an admin promotes Dee: the manager's page still shows the old row.
    const dee = await panel.server.userByEmail("dee@example.com");
    const other = await panel.server.actor({ role: "admin" });
    await other.client.users.setRole.mutate({ id: dee!.id, role: "manager" });

    await row.getByRole("button", { name: /^Suspend/ }).click();
    const notice = await waitForNotice(manager.page, "Refused");
    expect(notice.role).toBe("alert");
    expect(notice.text).toContain("your role doesn't allow you to manage this account");
    expect((await panel.server.userByEmail("dee@example.com"))?.status).toBe("active");
    // The list is re-read after a refusal, so the stale button goes away.
    await row.getByRole("button", { name: /^Suspend/ }).waitFor({ state: "detached" });
    await manager.close();
  });

  test("acting on a row another admin already changed is refused with a clear message", async () => {
    const { page } = panel.admin;
    const dee = await panel.server.userByEmail("dee@example.com");
    const other = await panel.server.actor({ role: "admin" });
    await other.client.users.suspend.mutate({ id: dee!.id });

    await rowOf(page, "dee@example.com").getByRole("button", { name: /^Set limit/ }).waitFor();
    await rowOf(page, "dee@example.com").getByRole("button", { name: /^Suspend/ }).click();
    const notice = await waitForNotice(page, "Refused");
    expect(notice.text).toContain("its role or status may have just changed");
    await rowOf(page, "dee@example.com").locator(".badge", { hasText: "Suspended" }).waitFor();
  });
});
