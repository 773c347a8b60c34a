import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { navLink } from "./support/nav";
import { expect, test } from "./support/test";

const SHOTS = "test-results/screenshots";
// A demo service no other spec declares on, so its pages do not show up elsewhere.
const SERVICE = "inventory-service";

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${SHOTS}/${name}-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflow(page), `${name} must not scroll sideways at 390 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
}

test.afterEach(async ({ page }) => {
  // Back to "no policy applies", so later specs declaring on the service page nobody.
  await page.evaluate(
    (slug) =>
      fetch(`/api/services/${slug}/paging`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ policyId: null }),
      }),
    SERVICE,
  );
});

test("a SEV1 on a service with a policy made in the UI is paged, listed on /pages and acknowledged in the incident's Paging panel", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "responder", "/paging/policies");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Escalation policies");
  await expect(await navLink(page, "On-call", "Pages")).toBeVisible();

  // A step whose target names nobody is refused, and the message sits beside that target's control.
  const name = `Inventory on-call ${Date.now()}`;
  const form = page.getByRole("form", { name: "New escalation policy" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Step 1: minutes to the next step").fill("5");
  await form.getByRole("button", { name: "Add step" }).click();
  await form.getByLabel("Step 2, target 1: type").selectOption({ label: "On call for a service" });
  await form.getByRole("button", { name: "Create policy" }).click();
  const target = form.getByLabel("Step 1, target 1: person");
  await expect(target).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await target.getAttribute("id")}-error`)).toHaveText("Choose a person.");
  await expect(form.getByText("Fix the marked fields; nothing was saved.")).toBeVisible();
  // Each error is beside its own step's control, and what was chosen survives the refusal.
  await expect(form.getByLabel("Step 2, target 1: type")).toHaveValue("oncall");
  const service = form.getByLabel("Step 2, target 1: on call for a service");
  await expect(service).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await service.getAttribute("id")}-error`)).toHaveText("Choose a service.");
  await shoot(page, "paging-policy-errors");
  await form.getByRole("button", { name: "Remove step 2" }).click();

  await target.selectOption({ label: "Priya Natarajan" });
  await form.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByText("Policy saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.goto("/paging/policies");
  const row = page.getByTestId("policies-table").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Priya Natarajan");
  await shoot(page, "paging-policies");

  // The service names the policy (its On-call card), then a SEV1 is declared on it.
  await page.goto("/services");
  const card = page.locator(`article[data-service="${SERVICE}"]`);
  await card.getByText("Edit paging").click();
  const paging = card.getByRole("form", { name: `Paging of ${SERVICE}` });
  await paging.getByLabel("Escalation policy").selectOption({ label: name });
  await paging.getByRole("button", { name: "Save paging" }).click();
  await expect(paging.getByRole("status")).toHaveText("Paging saved.");
  await expect(card.getByTestId("service-paging")).toContainText(`Paged through ${name}`);
  await shoot(page, "services-paging");

  const title = `Inventory counts frozen ${Date.now()}`;
  const incidentId = await page.evaluate(
    async ({ title, service }) => {
      const res = await fetch("/api/dashboard/incidents", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title, severity: "SEV1", services: [service], environment: "production" }),
      });
      return (await res.json()).id as string;
    },
    { title, service: SERVICE },
  );

  // The paging consumer opens the page after the declaration commits; step 1 runs at once.
  await page.goto("/pages");
  const listed = page.getByTestId("pages-table").getByRole("row").filter({ hasText: title });
  await expect(async () => {
    await page.reload();
    await expect(listed).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(listed).toContainText("high urgency");
  await expect(listed).toContainText("triggered");
  await expect(listed.getByRole("link", { name: new RegExp(incidentId) })).toHaveAttribute(
    "href",
    `/incidents/${incidentId}`,
  );
  await expect(listed.getByRole("button", { name: /^Acknowledge/ })).toBeVisible();
  await shoot(page, "pages");

  // Priya has no verified contact method yet: the panel says she was skipped and why.
  await page.goto(`/incidents/${incidentId}`);
  const panel = page.getByRole("region", { name: "Paging" });
  await expect(
    panel.getByText(`Skipped Priya Natarajan at step 1: no verified contact method.`),
  ).toBeVisible();
  await expect(panel.getByRole("link", { name })).toBeVisible();
  await expect(panel.locator("[data-page]")).toHaveAttribute("data-state", "triggered");
  await panel.getByRole("button", { name: "Acknowledge" }).click();
  await expect(panel.locator("[data-page]")).toHaveAttribute("data-state", "acknowledged");
  await expect(panel.getByTestId("page-status-line")).toContainText("by Priya Natarajan");
  await expect(panel.getByText("Priya Natarajan acknowledged the page.")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Priya Natarajan acknowledged the page.")).toBeVisible();
  await expect(
    timeline.getByText("Skipped Priya Natarajan at step 1: no verified contact method."),
  ).toBeVisible();
  await shoot(page, "incident-paging-panel");

  // The list follows: the page is acknowledged, and Acknowledge is no longer offered there.
  await page.goto("/pages?state=acknowledged");
  await expect(listed).toContainText("Acknowledged by Priya Natarajan");
  await expect(listed.getByRole("button", { name: /^Acknowledge/ })).toHaveCount(0);

  // An incident on a service nobody pages says so, without an empty log.
  const quiet = await page.evaluate(async () => {
    const res = await fetch("/api/dashboard/incidents", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        title: `Quiet ${Date.now()}`,
        severity: "SEV4",
        services: ["analytics-pipeline"],
        environment: "production",
      }),
    });
    return (await res.json()).id as string;
  });
  await page.goto(`/incidents/${quiet}`);
  await expect(
    page.getByRole("region", { name: "Paging" }).getByText("Not paged: no escalation policy applies."),
  ).toBeVisible();
});
