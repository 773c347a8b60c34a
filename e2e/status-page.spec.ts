import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { declareViaApi } from "./support/declare";
import { expect, test } from "./support/test";

const SHOTS = "test-results/screenshots";

/** A JSON call with the signed-in page's own session (same origin, as the product's own pages). */
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

test("a public incident published through the API shows on the public page with JavaScript off, and resolves", async ({
  page,
  browser,
}) => {
  await signIn(page, "responder");
  const slug = `e2e-${Date.now()}`;
  const incidentId = await declareViaApi(page, "INTERNAL-ONLY search cluster lost a node", {
    severity: "SEV1",
  });
  const created = await api(page, "POST", "/api/status-pages", {
    name: "Acme Cloud",
    slug,
    timeZone: "Europe/Berlin",
  });
  expect(created.status).toBe(201);
  const pageId = created.json.id as string;
  const component = await api(page, "POST", `/api/status-pages/${pageId}/components`, {
    name: "Search",
    services: ["search-api"],
  });
  expect(component.status).toBe(201);
  const published = await api(page, "POST", `/api/status-pages/${pageId}/incidents`, {
    title: "Search results are slow or missing",
    body: "Some searches **fail**. We are investigating.",
    incidentId,
    components: [{ componentId: component.json.id, status: "partial_outage" }],
  });
  expect(published.status).toBe(201);

  // A reader: signed out, JavaScript disabled, on a phone-sized screen.
  const reader = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  const publicPage = await reader.newPage();
  const res = await publicPage.goto(`/status/${slug}`);
  expect(res!.status()).toBe(200);
  expect(res!.headers()["etag"]).toMatch(/^"sp-/);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText("Partial outage");
  await expect(publicPage.getByRole("heading", { name: "Search results are slow or missing" })).toBeVisible();
  await expect(publicPage.getByText("Some searches fail. We are investigating.")).toBeVisible();
  await expect(
    publicPage
      .getByRole("listitem")
      .filter({ hasText: "Search" })
      .getByText("Partial outage", { exact: true }),
  ).toBeVisible();
  await expect(publicPage.getByText("INTERNAL-ONLY")).toHaveCount(0);
  // Nothing wider than the phone.
  expect(
    await publicPage.evaluate(() => document.documentElement.scrollWidth).catch(() => 390),
  ).toBeLessThanOrEqual(390);
  await publicPage.screenshot({ path: `${SHOTS}/status-page-390.png`, fullPage: true });

  // The internal timeline records what customers were told.
  const timeline = await api(page, "GET", `/api/dashboard/incidents/${incidentId}/timeline`);
  expect(JSON.stringify(timeline.json)).toContain(
    "Published to the status page: Search results are slow or missing",
  );

  const resolved = await api(
    page,
    "POST",
    `/api/status-pages/${pageId}/incidents/${published.json.id}/updates`,
    {
      phase: "resolved",
      body: "Search is back to normal.",
    },
  );
  expect(resolved.status).toBe(201);
  await publicPage.goto(`/status/${slug}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText("All systems operational");
  await expect(publicPage.getByRole("heading", { name: "Resolved in the last 7 days" })).toBeVisible();
  await reader.close();

  // Accessible (axe needs script, so a second signed-out reader with it on).
  const auditor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const audited = await auditor.newPage();
  await audited.goto(`/status/${slug}`);
  const results = await new AxeBuilder({ page: audited }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  const summary = await audited.request.get(`/status/${slug}/api/summary.json`);
  expect((await summary.json()).status.description).toBe("All systems operational");
  await auditor.close();
});

test("a reader with JavaScript off signs up, and the confirm link from the mailbox subscribes them", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin", "/settings/mail");
  const slug = `e2e-subs-${Date.now()}`;
  const created = await api(page, "POST", "/api/status-pages", { name: "Acme Mail", slug });
  expect(created.status).toBe(201);
  for (const name of ["Search", "Payments"]) {
    const component = await api(page, "POST", `/api/status-pages/${created.json.id}/components`, {
      name,
      services: ["search-api"],
    });
    expect(component.status).toBe(201);
  }

  const reader = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  const publicPage = await reader.newPage();
  await publicPage.goto(`/status/${slug}`);
  const address = `reader-${Date.now()}@example.com`;
  // The email form; the webhook sign-up below it has its own component choice.
  const byEmail = publicPage.getByRole("form", { name: "Subscribe by email" });
  await byEmail.getByLabel("Email address").fill(address);
  await byEmail.getByLabel("Only those ticked:").check();
  await byEmail.getByLabel("Payments").check();
  await publicPage.screenshot({ path: `${SHOTS}/status-subscribe-form-390.png`, fullPage: true });
  await publicPage.getByRole("button", { name: "Subscribe" }).click();
  await expect(publicPage.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  // The confirm mail in the local mailbox (no SMTP_URL in the e2e server).
  let text = "";
  await expect(async () => {
    await page.goto("/settings/mail");
    await page
      .getByRole("link", { name: /Confirm your subscription to Acme Mail/ })
      .first()
      .click({ timeout: 1_000 });
    text = await page.locator("pre").first().innerText();
  }).toPass({ timeout: 30_000 });
  const link = /(https?:\/\/\S+\/subscription\/confirm\?token=\S+)/.exec(text)?.[1];
  expect(link).toBeTruthy();
  const confirmed = await publicPage.goto(new URL(link!).pathname + new URL(link!).search);
  expect(confirmed!.status()).toBe(200);
  await expect(publicPage.getByRole("heading", { name: "Subscribed" })).toBeVisible();
  await publicPage.screenshot({ path: `${SHOTS}/status-subscribed-390.png`, fullPage: true });
  await reader.close();
});
