import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("a responder sets up a status page from settings: page, group, component mapped to a service, its status", async ({
  page,
  browser,
}) => {
  await signIn(page, "responder", "/settings/status-pages");
  const slug = `admin-${Date.now()}`;
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create status page" }) });
  await form.getByLabel("Name").fill("Acme status");
  await form.getByLabel("Slug").fill("Not A Slug!");
  await form.getByRole("button", { name: "Create status page" }).click();
  // Refused inline, under its field, and nothing was created.
  await expect(form.locator("#new-status-page-slug-error")).toBeVisible();
  await expect(form.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Slug").fill(slug);
  await form.getByLabel("Time zone").fill("Europe/Berlin");
  await form.getByRole("button", { name: "Create status page" }).click();
  await expect(page).toHaveURL(/\/settings\/status-pages\/sp_/);
  await expect(page.getByRole("heading", { name: "Acme status", level: 1 })).toBeVisible();

  const groupForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Add group" }) });
  await groupForm.getByLabel("New group").fill("Core");
  await groupForm.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByRole("button", { name: "Remove group" })).toBeVisible();

  const newComponent = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Add component" }) });
  await newComponent.getByLabel("Name", { exact: true }).fill("Payments");
  await newComponent.getByLabel("Group").selectOption({ label: "Core" });
  await newComponent.getByRole("checkbox", { name: "payment-service" }).check();
  await newComponent.getByRole("button", { name: "Add component" }).click();
  const saved = page.locator("form").filter({ has: page.getByRole("button", { name: "Save component" }) });
  await expect(saved).toHaveCount(1);
  await expect(saved.getByLabel("Name", { exact: true })).toHaveValue("Payments");
  await expect(saved.getByRole("checkbox", { name: "payment-service" })).toBeChecked();

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const outside = await reader.newPage();
  await outside.goto(`/status/${slug}`);
  await expect(outside.getByRole("heading", { name: "All systems operational" })).toBeVisible();
  await expect(outside.getByText("Core")).toBeVisible();
  await expect(outside.locator(".component-name", { hasText: "Payments" })).toBeVisible();

  await saved.getByLabel("Status now").selectOption("partial_outage");
  await saved.getByRole("button", { name: "Save component" }).click();
  await expect(saved.getByRole("status")).toHaveText("Saved.");
  await expect(saved.getByLabel("Status now")).toHaveValue("partial_outage");
  await outside.reload();
  await expect(outside.getByRole("heading", { name: "Partial outage" })).toBeVisible();
  await reader.close();

  await expect(page.getByTestId("subscriber-counts")).toContainText("0 confirmed");
  await page.screenshot({ path: "test-results/screenshots/status-admin.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
