import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const SHOTS = "test-results/screenshots";

test("a rotation set on /services makes its on-call engineer the commander of an incident declared without one", async ({
  page,
}) => {
  await signIn(page, "responder", "/services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Services and on-call");
  // The demo gives every service a rotation, so the page is not empty on first start (earlier specs
  // may have registered more services, without one).
  await expect(page.locator("article[data-service]").first()).toBeVisible();
  expect(await page.locator("article[data-service]").count()).toBeGreaterThanOrEqual(8);
  await expect(
    page.locator('article[data-service="payment-service"]').getByTestId("on-call-now"),
  ).not.toHaveText("Nobody");

  const card = page.locator('article[data-service="search-api"]');
  await card.getByText("Edit rotation").click();
  const form = card.getByRole("form", { name: "Rotation of search-api" });
  // Empty the rotation, then build it again in a chosen order: Diego first, Marcus second.
  const removes = form.getByRole("button", { name: /from the rotation$/ });
  await expect(removes).toHaveCount(2);
  await removes.first().click();
  await removes.first().click();
  await expect(form.getByText("Nobody: saving turns the rotation off.")).toBeVisible();
  await form.getByLabel("Person to add").selectOption({ label: "Marcus Okafor" });
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await form.getByLabel("Person to add").selectOption({ label: "Diego Ramirez" });
  await form.getByRole("button", { name: "Add", exact: true }).click();
  await form.getByRole("button", { name: "Move Diego Ramirez up" }).click();
  await expect(form.getByRole("list", { name: "Rotation order" }).getByRole("listitem")).toHaveText([
    /Diego Ramirez/,
    /Marcus Okafor/,
  ]);
  await form.getByLabel("Owner team").fill("Search Platform");
  await form.getByLabel("Hand-off every (hours)").fill("12");
  await form
    .getByLabel("First turn starts (UTC)")
    .fill(new Date(Date.now() - 60 * 60_000).toISOString().slice(0, 16));
  await form.getByRole("button", { name: "Save rotation" }).click();
  await expect(form.getByRole("status")).toHaveText("Rotation saved.");
  await expect(card.getByTestId("on-call-now")).toHaveText("Diego Ramirez");
  await expect(card.getByTestId("on-call-next")).toHaveText("Marcus Okafor");
  await expect(card.getByText("Owned by Search Platform")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/services.png`, fullPage: true });

  // A refused save says why beside the field and changes nothing.
  await form.getByLabel("Hand-off every (hours)").fill("0");
  await form.evaluate((f) => f.setAttribute("novalidate", ""));
  await form.getByRole("button", { name: "Save rotation" }).click();
  await expect(form.getByText("At least 1 hour.")).toBeVisible();
  const stored = await page.evaluate(
    async () => (await (await fetch("/api/services/search-api")).json()).onCall,
  );
  expect(stored).toMatchObject({ userIds: ["user_mno345", "user_ghi789"], handoffHours: 12 });

  await page.goto("/incidents/new");
  const title = `Search index stale ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /^SEV3/ }).check();
  await page.getByRole("button", { name: /Search API/ }).click();
  await expect(page.getByLabel("Incident commander")).toHaveValue("");
  await page.getByRole("button", { name: "Declare incident", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d{4}-\d{4,}$/);

  await expect(page.getByText("Assigned Diego Ramirez as commander (on call for search-api)")).toBeVisible();
  const commander = page.locator("dt", { hasText: /^Commander$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(commander).toHaveText("Diego Ramirez");
  await page.screenshot({ path: `${SHOTS}/oncall-commander.png`, fullPage: true });
  const id = page.url().split("/").pop()!;
  const saved = await page.evaluate(
    async (incidentId) => (await fetch(`/api/dashboard/incidents/${incidentId}`)).json(),
    id,
  );
  expect(saved).toMatchObject({ title, commanderId: "user_mno345" });
});

test("a viewer sees who is on call but is not offered the editors", async ({ page }) => {
  await signIn(page, "viewer", "/services");
  await expect(page.locator("article[data-service]").first()).toBeVisible();
  expect(await page.locator("article[data-service]").count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByText("Edit rotation")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add override" })).toHaveCount(0);
});

test("an override added on /services takes over now and hands back when removed", async ({ page }) => {
  await signIn(page, "responder", "/services");
  const card = page.locator('article[data-service="checkout-api"]');
  const before = (await card.getByTestId("on-call-now").textContent())!;
  const cover = before === "Sofia Lindqvist" ? "Alex Chen" : "Sofia Lindqvist";
  await card.getByText("Add an override").click();
  const form = card.getByRole("form", { name: "Add an override to checkout-api" });
  const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString().slice(0, 16);
  await form.getByLabel("Covered by").selectOption({ label: cover });
  await form.getByLabel("From (UTC)").fill(minutes(-5));
  await form.getByLabel("Until (UTC)").fill(minutes(120));
  await form.getByRole("button", { name: "Add override" }).click();
  await expect(card.getByTestId("on-call-now")).toHaveText(cover);
  await card.getByRole("button", { name: new RegExp(`^Remove the override of ${cover}`) }).click();
  await expect(card.getByTestId("on-call-now")).toHaveText(before);
  await expect(card.getByText("No current or upcoming overrides.")).toBeVisible();
});
