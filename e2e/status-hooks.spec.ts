import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("a responder adds a webhook subscriber to a status page; its secret shows once", async ({ page }) => {
  await signIn(page, "responder", "/settings/status-pages");
  const slug = `hooks-${Date.now()}`;
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Create status page" }) });
  await form.getByLabel("Name").fill("Hooks status");
  await form.getByLabel("Slug").fill(slug);
  await form.getByRole("button", { name: "Create status page" }).click();
  await expect(page).toHaveURL(/\/settings\/status-pages\/sp_/);

  const section = page.getByRole("region", { name: "Webhook and chat subscribers" });
  await section.getByLabel("URL").fill("not a url");
  await section.getByRole("button", { name: "Add subscriber" }).click();
  await expect(section.locator("#hook-url-error")).toBeVisible();

  await section.getByLabel("URL").fill("http://127.0.0.1:9/receiver");
  await section.getByRole("button", { name: "Add subscriber" }).click();
  await expect(section.getByTestId("hook-secret")).toHaveText(/^whsec_/);
  await expect(section.getByTestId("hook-subscriber")).toHaveCount(1);
  await expect(section.getByTestId("hook-subscriber")).toContainText("http://127.0.0.1:9");
  await expect(section.getByTestId("hook-subscriber")).toContainText("confirmed");
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/status-hooks.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await section.getByRole("button", { name: "Remove" }).click();
  await expect(section.getByTestId("hook-subscriber")).toHaveCount(0);
});
