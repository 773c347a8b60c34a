import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

/** A JSON call with the signed-in page's own session. */
const api = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    { method, path, body },
  );

test("an open public page follows a published update live, shows the reader's own times, and keeps a typed address", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "responder");
  const slug = `e2e-live-${Date.now()}`;
  const created = await api(page, "POST", "/api/status-pages", {
    name: "Acme Live",
    slug,
    timeZone: "Europe/Berlin",
  });
  expect(created.status).toBe(201);
  const pageId = created.json.id as string;
  const component = await api(page, "POST", `/api/status-pages/${pageId}/components`, { name: "Checkout" });
  expect(component.status).toBe(201);

  // A customer in New York, signed out, with the page open.
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const reader = await context.newPage();
  await reader.goto(`/status/${slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("All systems operational");
  await expect(reader.locator("footer")).toContainText("Your own times are in America/New_York.");
  await expect(reader.locator("footer .local-time")).toContainText("your time");
  const email = reader.getByLabel("Email address");
  await email.fill("half-typed@example.com");

  const published = await api(page, "POST", `/api/status-pages/${pageId}/incidents`, {
    title: "Checkout is failing for some customers",
    body: "We are looking into failed payments at checkout.",
    components: [{ componentId: component.json.id, status: "partial_outage" }],
  });
  expect(published.status).toBe(201);

  // No reload: the stream tells the page, which swaps its live parts.
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Partial outage", { timeout: 15_000 });
  const incident = reader.getByRole("region", { name: "Current incidents" });
  await expect(incident).toContainText("Checkout is failing for some customers");
  await expect(incident.locator(".local-time").first()).toContainText(/EST|EDT|GMT-[45]/);
  await expect(reader.getByRole("status")).toContainText("Updated");
  await expect(email).toHaveValue("half-typed@example.com");
  await reader.screenshot({ path: "test-results/screenshots/status-live.png", fullPage: true });
  const axe = await new AxeBuilder({ page: reader }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await context.close();
});
