import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const seriousOf = async (page: import("@playwright/test").Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );

test("a responder schedules maintenance from the admin page; the public page shows it (JavaScript off)", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "responder", "/settings/status-pages");
  const slug = `maint-${Date.now()}`;
  const create = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Create status page" }) });
  await create.getByLabel("Name").fill("Maintained");
  await create.getByLabel("Slug").fill(slug);
  await create.getByLabel("Time zone").fill("Europe/Berlin");
  await create.getByRole("button", { name: "Create status page" }).click();
  await expect(page).toHaveURL(/\/settings\/status-pages\/sp_/);
  const newComponent = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Add component" }) });
  await newComponent.getByLabel("Name", { exact: true }).fill("Database");
  await newComponent.getByRole("button", { name: "Add component" }).click();
  await expect(
    page.locator("form").filter({ has: page.getByRole("button", { name: "Save component" }) }),
  ).toHaveCount(1);

  const section = page.getByTestId("maintenance-section");
  const form = section
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Schedule maintenance" }) });
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Title").fill("Database upgrade");
  await form.getByLabel("Starts").fill(`${day}T10:00`);
  await form.getByLabel("Ends").fill(`${day}T09:00`);
  await form.getByLabel("What customers read").fill("The database is **read-only** for a while.");
  await form.getByRole("checkbox", { name: "Database" }).check();
  await form.getByRole("button", { name: "Schedule maintenance" }).click();
  // Refused inline under its field, and what was typed stays.
  await expect(form.locator("#new-maintenance-endsAt-error")).toContainText("after the start");
  await expect(form.getByLabel("Title")).toHaveValue("Database upgrade");
  await expect(form.getByRole("checkbox", { name: "Database" })).toBeChecked();

  await form.getByLabel("Ends").fill(`${day}T12:00`);
  await form.getByRole("button", { name: "Schedule maintenance" }).click();
  const row = section.getByTestId("maintenance-row");
  await expect(row).toContainText("Database upgrade · Scheduled");
  // 10:00 in Berlin (CET) is shown as such, not as the UTC 09:00.
  await expect(row).toContainText("10:00 CET");
  await expect(row.getByRole("button", { name: "Cancel maintenance" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/status-maintenance-admin.png", fullPage: true });
  expect(await seriousOf(page)).toEqual([]);

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const outside = await reader.newPage();
  await outside.goto(`/status/${slug}`);
  const upcoming = outside.getByRole("region", { name: "Scheduled maintenance" });
  await expect(upcoming.getByRole("heading", { name: "Database upgrade" })).toBeVisible();
  await expect(upcoming).toContainText("10:00 CET");
  await expect(upcoming).toContainText("12:00 CET");
  await expect(upcoming.locator("strong")).toHaveText("read-only");
  await outside.screenshot({
    path: "test-results/screenshots/status-maintenance-public.png",
    fullPage: true,
  });
  await reader.close();
  // Axe needs script: a second signed-out reader with it on.
  const auditor = await browser.newContext();
  const audited = await auditor.newPage();
  await audited.goto(`/status/${slug}`);
  await expect(audited.getByRole("heading", { name: "Scheduled maintenance" })).toBeVisible();
  expect(await seriousOf(audited)).toEqual([]);
  await auditor.close();
});
