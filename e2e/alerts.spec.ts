import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const MINUTE = 60_000;

test("an alert page charts the metric and creates a linked incident, pre-filled", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "admin", "/incidents");
  const created = await page.request.post("/api/settings/tokens", {
    data: { name: `e2e-alerts-${Date.now()}`, role: "responder" },
    headers: { origin: baseURL! },
  });
  expect(created.status()).toBe(201);
  const auth = { authorization: `Bearer ${(await created.json()).secret}` };

  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const points = Array.from({ length: 40 }, (_, i) => {
    const t = now - (40 - i) * MINUTE;
    return {
      service: "search-api",
      environment: "production",
      timestamp: new Date(t).toISOString(),
      errorRate: i >= 20 ? 0.12 : 0.01,
      latencyP95Ms: 200,
      requestRate: 80,
    };
  });
  expect((await page.request.post("/api/ingest/metrics", { data: { points }, headers: auth })).status()).toBe(
    200,
  );
  const alert = {
    title: "Search error rate above 5%",
    service: "search-api",
    environment: "production",
    severity: "critical",
    dedupKey: `e2e-search-${Date.now()}`,
    startsAt: new Date(now - 20 * MINUTE).toISOString(),
  };
  const fired = await page.request.post("/api/alerts", {
    headers: auth,
    data: { ...alert, status: "firing", value: 0.12, threshold: 0.05, labels: { team: "search" } },
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
  const incident = await (
    await page.request.get(`/api/dashboard/incidents/${incidentId}`, { headers: auth })
  ).json();
  expect(incident).toMatchObject({
    title: "Search error rate above 5%",
    severity: "SEV2",
    services: ["search-api"],
    environment: "production",
  });
  expect(new Date(incident.impactStartedAt).getTime()).toBe(now - 20 * MINUTE);

  // The incident page embeds the linked alert's chart: threshold line and the incident's phase markers.
  await page.goto(`/incidents/${incidentId}`);
  const embedded = page
    .locator(`[data-alert-chart="${alertId}"]`)
    .getByRole("figure", { name: /Error rate/ });
  await expect(embedded).toBeVisible();
  expect(Number(await embedded.getAttribute("data-points"))).toBeGreaterThan(10);
  expect(await embedded.getAttribute("data-markers")).toBe("declared");
  await expect(page.locator(`[data-alert-chart="${alertId}"]`).getByText("threshold 5.0")).toBeVisible();
  await expect(page.getByText("All linked alerts have resolved.")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/incident-alert-chart.png", fullPage: true });

  // Resolving the alert through the API makes the page suggest Mitigated, summary pre-filled and editable; nothing moves by itself.
  expect(
    (
      await page.request.post("/api/alerts", { headers: auth, data: { ...alert, status: "resolved" } })
    ).status(),
  ).toBe(200);
  await page.reload();
  await expect(page.getByText("All linked alerts have resolved.")).toBeVisible();
  expect(
    (await (await page.request.get(`/api/dashboard/incidents/${incidentId}`, { headers: auth })).json())
      .status,
  ).toBe("declared");
  await page.getByRole("button", { name: "Move to Mitigated…" }).click();
  const summary = page.getByLabel("Mitigation summary");
  await expect(summary).toHaveValue("All linked alerts resolved: Search error rate above 5%.");
  await summary.fill(
    "All linked alerts resolved: Search error rate above 5%. Rolled back the ranking change.",
  );
  await page.screenshot({
    path: "test-results/screenshots/incident-mitigate-suggestion.png",
    fullPage: true,
  });
  await page.getByRole("button", { name: "Mark mitigated", exact: true }).click();
  await expect
    .poll(
      async () =>
        (await (await page.request.get(`/api/dashboard/incidents/${incidentId}`, { headers: auth })).json())
          .status,
    )
    .toBe("mitigated");
  const mitigated = await (
    await page.request.get(`/api/dashboard/incidents/${incidentId}`, { headers: auth })
  ).json();
  expect(mitigated.mitigationSummary).toBe(
    "All linked alerts resolved: Search error rate above 5%. Rolled back the ranking change.",
  );
});
