// Add User: inviting, inline field errors from the server, keyboard-only use, hostile text, resend and revoke.
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./browser.ts";
import { useAdminPanel } from "./hooks.ts";
import { ADMIN_EMAIL } from "./panel-server.ts";
import { rowOf, signIn, waitForNotice } from "./session.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";

describe.skipIf(!runBrowserTests)("Add User", () => {
  const panel = useAdminPanel();

  test("an admin invites a user and the pending row appears without a reload", async () => {
    const { page } = panel.admin;
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add user" });
    await dialog.getByLabel("Email").fill("  New.Person@Example.com ");
    await dialog.getByLabel("Display name (optional)").fill("New Person");
    await dialog.getByLabel("Role").selectOption("manager");
    await dialog.getByLabel("Welcome message (optional)").fill("Welcome aboard!");
    await dialog.getByRole("button", { name: "Send invitation" }).click();

    const row = rowOf(page, "new.person@example.com");
    await row.waitFor();
    expect(await row.locator(".badge").textContent()).toBe("Pending");
    expect(await dialog.count()).toBe(0);
    const stored = await panel.server.userByEmail("new.person@example.com");
    expect(stored).toMatchObject({ status: "pending", role: "manager", displayName: "New Person" });
    expect(panel.server.mail.sent.some((m) => m.to === "new.person@example.com" && m.text.includes("Welcome aboard!"))).toBe(true);
  });

  test("the server's field errors appear next to their fields, and nothing is created", async () => {
    await panel.server.createUser("taken@example.com", "default");
    const { page } = panel.admin;
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add user" });
    const email = dialog.getByLabel("Email");
    await email.fill("not-an-email");
    await dialog.getByLabel("Display name (optional)").fill("x".repeat(101));
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await dialog.locator('[aria-invalid="true"]').first().waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.getByLabel("Display name (optional)").getAttribute("aria-invalid")).toBe("true");
    expect(await dialog.locator(".field-error").count()).toBe(2);
    // The focus goes to the first field to fix.
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);

    await dialog.getByLabel("Display name (optional)").fill("");
    await email.fill("taken@example.com");
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await dialog.getByText("already exists").waitFor();
    expect(await email.getAttribute("aria-invalid")).toBe("true");
    expect(await panel.server.userByEmail("not-an-email")).toBeNull();
  });

  test("a manager's role chooser offers only the roles a manager may grant", async () => {
    await panel.server.createUser("mia@example.com", "manager");
    const manager = await signIn(panel.browser, panel.server, "mia@example.com");
    await manager.page.getByRole("button", { name: "Add user" }).click();
    const options = await manager.page.getByRole("dialog").getByLabel("Role").locator("option").allTextContents();
    expect(options).toEqual(["Default", "Guest"]);
    await manager.close();
  });

  test("the Add User dialog works from the keyboard alone: focus trap, Escape, submit", async () => {
    const { page } = panel.admin;
    const focusedName = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute("name") ?? el?.textContent?.trim() ?? "";
    });
    // From the top of the page: the skip link, then the first control of the page is Add user.
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await focusedName()).toBe("Add user");

    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Add user" }).waitFor();
    expect(await focusedName()).toBe("email");
    await page.keyboard.press("Shift+Tab"); // wraps from the first control to the last
    expect(await focusedName()).toBe("Send invitation");
    await page.keyboard.press("Tab"); // and back from the last to the first
    expect(await focusedName()).toBe("email");
    for (let i = 0; i < 12; i++) await page.keyboard.press("Tab"); // never leaves the dialog
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("dialog")))).toBe(true);

    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await focusedName()).toBe("Add user");

    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Add user" }).waitFor();
    await page.keyboard.type("keys@example.com");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Keyboard Only");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowUp"); // Guest → Default
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter"); // submits the form from a text field
    await rowOf(page, "keys@example.com").waitFor();
    expect(await panel.server.userByEmail("keys@example.com")).toMatchObject({ role: "default", displayName: "Keyboard Only" });
  });

  test("a hostile display name is shown as text and runs nothing", async () => {
    const { page, watch } = panel.admin;
    await panel.server.createUser("cli@example.com", "guest", HOSTILE);
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog", { name: "Add user" });
    await dialog.getByLabel("Email").fill("hostile@example.com");
    await dialog.getByLabel("Display name (optional)").fill(HOSTILE);
    await dialog.getByLabel("Bio (optional)").fill(HOSTILE);
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await rowOf(page, "hostile@example.com").waitFor();
    await page.reload(); // the stored value, as the server returns it, not just the optimistic row
    for (const email of ["hostile@example.com", "cli@example.com"]) {
      await rowOf(page, email).waitFor();
      expect(await rowOf(page, email).locator(".display-name .name").textContent()).toBe(HOSTILE);
    }
    expect(await rowOf(page, "hostile@example.com").locator(".display-name .bio").textContent()).toBe(HOSTILE);
    expect(await page.locator("main img").count()).toBe(0);
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test("a pending invitation can be resent and revoked", async () => {
    const { page } = panel.admin;
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("dialog").getByLabel("Email").fill("pending@example.com");
    await page.getByRole("dialog").getByRole("button", { name: "Send invitation" }).click();
    const row = rowOf(page, "pending@example.com");
    await row.waitFor();
    const mailed = () => panel.server.mail.sent.filter((m) => m.to === "pending@example.com").length;
    expect(mailed()).toBe(1);

    await row.getByRole("button", { name: /^Resend invite/ }).click();
    await waitForNotice(page, "Sent a new invitation to pending@example.com");
    expect(mailed()).toBe(2);

    await row.getByRole("button", { name: /^Revoke invite/ }).click();
    const confirm = page.getByRole("alertdialog", { name: "Revoke the invitation of pending@example.com?" });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    expect((await panel.server.userByEmail("pending@example.com"))?.status).toBe("pending");

    await row.getByRole("button", { name: /^Revoke invite/ }).click();
    await confirm.getByRole("button", { name: "Revoke invitation" }).click();
    await waitForNotice(page, "Revoked the invitation");
    await row.waitFor({ state: "detached" });
    expect(await panel.server.userByEmail("pending@example.com")).toBeNull();
  });

  test("an invitation whose email failed says so on the row and in the notice, and resending retries", async () => {
    const { page } = panel.admin;
    panel.server.mail.failNext = true;
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("dialog").getByLabel("Email").fill("bounce@example.com");
    await page.getByRole("dialog").getByRole("button", { name: "Send invitation" }).click();
    const notice = await waitForNotice(page, "the email was not sent");
    expect(notice.role).toBe("alert");
    const row = rowOf(page, "bounce@example.com");
    expect(await row.locator(".status").textContent()).toContain("Invitation not delivered");
    expect((await panel.server.userByEmail("bounce@example.com"))?.status).toBe("pending");

    await row.getByRole("button", { name: /^Resend invite/ }).click();
    await waitForNotice(page, "Sent a new invitation to bounce@example.com");
    expect(await row.locator(".status").textContent()).not.toContain("not delivered");
    expect(panel.server.mail.sent.filter((m) => m.to === "bounce@example.com")).toHaveLength(1);
  });
});
