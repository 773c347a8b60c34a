import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

const MINUTE = 60_000;

test("an alert page charts the metric and creates a linked incident, pre-filled", async ({ page, baseURL }) => {
  await signIn(page, "admin", "/incidents");
  const created = await page.request.post("/api/settings/tokens", { data: { name: `e2e-alerts-${Date.now()}`, role: "responder" }, headers: { origin: baseURL! } });
  expect(created.status()).toBe(201);
  const auth = { authorization: `Bearer ${(await created.json()).secret}` };

  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const points = Array.from({ length: 40 }, (_, i) => {
    const t = now - (40 - i) * MINUTE;
    return { service: "search-api", environment: "production", timestamp: new Date(t).toISOString(), errorRate: i >= 20 ? 0.12 : 0.01, latencyP95Ms: 200, requestRate: 80 };
  });
  expect((await page.request.post("/api/ingest/metrics", { data: { points }, headers: auth })).status()).toBe(200);
  const fired = await page.request.post("/api/alerts", {
    headers: auth,
    data: { title: "Search error rate above 5%", service: "search-api", environment: "production", severity: "critical", status: "firing", dedupKey: `e2e-search-${Date.now()}`, value: 0.12, threshold: 0.05, startsAt: new Date(now - 20 * MINUTE).toISOString(), labels: { team: "search" } },
  });
  expect(fired.status()).toBe(201);
  const alertId = (await fired.json()).alert.id as string;

  await page.goto("/alerts");
  await page.getByRole("link", { name: "Search error rate above 5%" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/alerts/${alertId}$`));
  await expect(page.getByText("team=search")).toBeVisible();
  const chart = page.getByRole("figure", { name: /Error rate/ });
  await expect(chart).toBeVisible();
  expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(10);
  await expect(page.getByText("threshold 5.0")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/alert-detail.png", fullPage: true });

  await page.getByRole("link", { name: "Create Incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/new\?alert=/);
  await expect(page.getByLabel("Title")).toHaveValue("Search error rate above 5%");
  await expect(page.locator('input[name="severity"][value="SEV2"]')).toBeChecked();
  await expect(page.locator('input[type="hidden"][name="services"][value="search-api"]')).toHaveCount(1);
  await page.screenshot({ path: "test-results/screenshots/declare-from-alert.png", fullPage: true });
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d{4}-\d{4}$/);
  const incidentId = page.url().split("/").pop()!;
  await expect(page.getByText(`fired: 0.12 vs threshold 0.05 and was linked (${alertId})`)).toBeVisible();

  const detail = await (await page.request.get(`/api/alerts/${alertId}`, { headers: auth })).json();
  expect(detail.incidents.map((i: { id: string }) => i.id)).toEqual([incidentId]);
  const incident = await (await page.request.get(`/api/dashboard/incidents/${incidentId}`, { headers: auth })).json();
  expect(incident).toMatchObject({ title: "Search error rate above 5%", severity: "SEV2", services: ["search-api"], environment: "production" });
  expect(new Date(incident.impactStartedAt).getTime()).toBe(now - 20 * MINUTE);
});
