import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

const SHOTS = "test-results/screenshots";

test("Create Incident from an error group's menu declares a pre-filled incident linked to the group", async ({
  page,
}) => {
  await signIn(page, "admin", "/errors");
  await expect(page.getByRole("heading", { name: "Errors" })).toBeVisible();
  const row = page.locator("tr[data-error-group]").first();
  const groupId = await row.getAttribute("data-error-group");
  const title = (await row.locator("td").first().locator("p").first().textContent())!.trim();
  const service = (await row.locator("td").nth(1).textContent())!;
  await page.getByRole("link", { name: "Events" }).click();
  await expect(page).toHaveURL(/sort=count/);
  await page.screenshot({ path: `${SHOTS}/errors.png`, fullPage: true });

  await page
    .locator(`tr[data-error-group="${groupId}"]`)
    .getByLabel(/^Actions for/)
    .click();
  await page
    .locator(`tr[data-error-group="${groupId}"]`)
    .getByRole("link", { name: "Create Incident" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/incidents/new\\?errorGroup=${groupId}$`));
  await expect(page.getByLabel("Title")).toHaveValue(title.slice(0, 200));
  await expect(page.getByText(`From error group ${title}`)).toBeVisible();
  const selected = page.getByRole("list", { name: "Selected services" }).getByRole("listitem");
  await expect(selected).toHaveCount(1);
  await expect(selected.first()).toContainText(service.replace(/(production|staging)$/, ""));
  await page.getByRole("radio", { name: /^SEV2/ }).check();
  await page.getByRole("button", { name: "Declare incident" }).click();

  await expect(page).toHaveURL(/\/incidents\/INC-\d{4}-\d{4,}$/);
  const linked = page.getByRole("region", { name: "Linked data" });
  const card = linked.locator("[data-card=error_group]");
  await expect(card).toContainText(title.slice(0, 40));
  await expect(card).toContainText(/events/);
  await expect(card.getByRole("img", { name: /events in the last 24 hours/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(`Error group ${groupId} linked`);

  // Cards for the other kinds: the seed's unknown alert, a trace, and a suggested release.
  await linked.getByLabel("Link type").selectOption("alert");
  await linked.getByLabel("ID to link").fill("alert_xyz789");
  await linked.getByRole("button", { name: "Link", exact: true }).click();
  await expect(linked.locator("[data-card=unknown]")).toContainText("alert_xyz789");
  await expect(linked.locator("[data-card=unknown]")).toContainText("not known here");
  await linked.getByLabel("Link type").selectOption("trace");
  await linked.getByLabel("ID to link").fill("4bf92f3577b34da6a3ce929d0e0e4736");
  await linked.getByRole("button", { name: "Link", exact: true }).click();
  await expect(linked.locator("[data-card=trace]").getByRole("link")).toHaveAttribute(
    "href",
    "https://tracing.example/trace/4bf92f3577b34da6a3ce929d0e0e4736",
  );
  await page.screenshot({ path: `${SHOTS}/link-cards.png`, fullPage: true });

  // The long error title and trace id must wrap or truncate inside their card, not widen the page on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(linked.locator("[data-card=trace]")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: `${SHOTS}/link-cards-phone.png`, fullPage: true });
});

test("a suggested release links in one click and can be marked as the suspected cause", async ({ page }) => {
  await signIn(page, "admin", "/incidents?status=investigating");
  // Open demo incidents have their release suggested (deployed 15 minutes before impact), not linked.
  await page.locator("table a[href^='/incidents/INC-']").first().click();
  const suggestions = page.getByRole("region", { name: "Suggestions" });
  const release = suggestions.locator("li[data-suggestion^='rel_']").first();
  await expect(release).toBeVisible();
  const releaseId = await release.getAttribute("data-suggestion");
  await release.getByRole("button", { name: /^Link release/ }).click();
  const linked = page.getByRole("region", { name: "Linked data" });
  const card = linked.locator("[data-card=release]");
  await expect(card).toContainText(/v2\.\d+\.\d+/);
  await expect(suggestions.locator(`li[data-suggestion='${releaseId}']`)).toHaveCount(0);
  await linked.getByRole("button", { name: "Mark as suspected cause" }).click();
  await expect(card).toContainText("Suspected cause");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    `Release ${releaseId} marked as the suspected cause`,
  );
  await expect(page.locator("section[data-releases='1']").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/release-card.png`, fullPage: true });
});
