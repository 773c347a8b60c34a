import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

test("admins reach every settings page from one header link; responders only see their account", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "admin", "/incidents");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
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
  await expect(responder.getByRole("navigation", { name: "Settings" })).toHaveCount(0);
  await context.close();
});
