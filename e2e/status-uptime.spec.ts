import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";

const SHOTS = "test-results/screenshots";

// The demo's default page (lib/demo/seed-status-page.ts), read as a customer: signed out, no script,
// on a phone.
test("the demo's /status shows 90 uptime bars per component, outage days not green, readable at 390 px", async ({
  browser,
}) => {
  const reader = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  const page = await reader.newPage();
  const res = await page.goto("/status");
  expect(res!.status()).toBe(200);
  await expect(page.getByText("Acme Status", { exact: true })).toBeVisible();
  await expect(page.getByText("counts partial and major outages as downtime")).toBeVisible();

  const rows = page.locator("ol.bars");
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) await expect(rows.nth(i).locator("li")).toHaveCount(90);
  await expect(page.locator(".uptime-percent").first()).toHaveText(/% uptime$/);

  // A day with a public incident: not green, and its description names the incident and how long.
  const outage = page.locator(
    'ol.bars li[data-status="major_outage"], ol.bars li[data-status="partial_outage"]',
  );
  expect(await outage.count()).toBeGreaterThan(0);
  const bar = outage.first();
  const colour = await bar.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(colour).not.toBe("rgb(21, 128, 61)");
  const tip = bar.locator(".tip");
  await expect(tip).toHaveText(/outage, down .+\. .+: (major|partial) outage for /);
  // Keyboard: the bar takes focus and its description shows within the phone's width.
  await bar.focus();
  await expect(tip).toBeVisible();
  const box = (await tip.boundingBox())!;
  expect(box.width).toBeGreaterThan(200);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/status-uptime-390-focus.png` });
  // Days before the components existed are no data, not green.
  await expect(rows.first().locator("li").first()).toHaveAttribute("data-status", "no_data");

  // Axe needs script: a second signed-out reader with it on, on the same page.
  const auditor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const audited = await auditor.newPage();
  await audited.goto("/status");
  const { violations } = await new AxeBuilder({ page: audited }).analyze();
  await auditor.close();
  expect(
    violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
  await page.screenshot({ path: `${SHOTS}/status-uptime-390.png`, fullPage: true });

  const summary = await page.request.get("/status/acme/api/summary.json");
  const components = (await summary.json()).components as { uptime: { percent: number; days: number } }[];
  expect(components.every((c) => c.uptime.days === 90 && typeof c.uptime.percent === "number")).toBe(true);
  expect(components.some((c) => c.uptime.percent < 100)).toBe(true);
  await reader.close();

  const wide = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const desktop = await wide.newPage();
  await desktop.goto("/status");
  await desktop.screenshot({ path: `${SHOTS}/status-uptime-1280.png`, fullPage: true });
  await wide.close();
});
