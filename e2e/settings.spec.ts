import { signIn } from "./support/auth";
import { navLink } from "./support/nav";
import { expect, test } from "./support/test";

test("admins reach every settings page from the header's Settings menu; responders only see their own pages", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "admin", "/incidents");
  await (await navLink(page, "Settings", "Users")).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await expect(tabs.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
  // The main navigation fits on one line for an admin at 1280 px.
  const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
  expect(nav!.height).toBeLessThan(60);
  await page.screenshot({ path: "test-results/screenshots/settings-tabs.png" });

  const context = await browser.newContext();
  const responder = await context.newPage();
  await signIn(responder, "responder", "/settings/account");
  await expect(
    responder.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }),
  ).toHaveCount(0);
  // Their account and their paging set-up (contact methods, rules), nothing of the admins'.
  await expect(responder.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([
    "Your account",
    "Paging",
  ]);
  await context.close();
});

test("postmortem settings save per severity, and the audit log's filters find the change", async ({
  page,
}) => {
  await signIn(page, "admin", "/settings/postmortems");
  await expect(page.getByRole("heading", { level: 1, name: "Postmortems" })).toBeVisible();
  const sev4 = page.getByLabel("SEV4 (Low)");
  await expect(sev4).toBeChecked();
  await sev4.uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(sev4).not.toBeChecked();
  // Back to the default: other specs expect every severity to get its postmortem.
  await sev4.check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto("/settings/audit");
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await expect(filters.getByRole("link", { name: "Clear" })).toHaveCount(0);
  await filters.getByLabel("Action").selectOption("settings.postmortems_changed");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=settings\.postmortems_changed/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toContainText("settings.postmortems_changed");
  for (const row of await rows.all()) await expect(row).toContainText("settings.postmortems_changed");
  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
});
