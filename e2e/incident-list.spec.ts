import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const rows = (page: import("@playwright/test").Page) => page.locator("tbody tr");

test("filters narrow the list and survive a reload and the back button", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents");
  const all = await rows(page).count();
  expect(all).toBe(25);
  await page.screenshot({ path: "test-results/screenshots/incidents-list.png", fullPage: true });

  await page
    .locator("label")
    .filter({ hasText: /^resolved$/ })
    .click();
  await page
    .locator("label")
    .filter({ hasText: /^SEV1$/ })
    .click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/incidents\?status=resolved&severity=SEV1$/);
  const filtered = await rows(page).count();
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  for (const row of await rows(page).all()) {
    await expect(row).toContainText(/resolved/i);
    await expect(row).toContainText("SEV1");
  }

  await page.reload();
  await expect(rows(page)).toHaveCount(filtered);
  await expect(page.getByRole("checkbox", { name: "resolved" })).toBeChecked();

  await page.getByLabel("Search").fill("Payment processing");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=Payment\+processing/);
  for (const row of await rows(page).all()) await expect(row).toContainText("Payment processing failures");
  const searched = await rows(page).count();

  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(rows(page)).toHaveCount(filtered);
  await page.goForward();
  await expect(rows(page)).toHaveCount(searched);

  await page.getByLabel("Search").fill("no incident is called this");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No incidents match these filters.")).toBeVisible();
});

test("keyset pages follow each other without overlap", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents");
  const first = await page
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-incident")));
  await page.getByRole("link", { name: "Older incidents →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.locator("tbody tr").first()).not.toHaveAttribute("data-incident", first[0]!);
  const second = await page
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-incident")));
  expect(second.length).toBeGreaterThan(0);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  const numbers = [...first, ...second].map((id) => Number(id!.split("-")[2]));
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
});

test("columns sort the page, and open incidents show their indicators", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents?status=declared,investigating,mitigated");
  await page.getByRole("button", { name: /^Severity/ }).click();
  const severities = await page.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(severities).toEqual([...severities].sort());
  await expect(page.getByRole("columnheader", { name: /Severity/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  // The demo has a SEV2 still declared 90 minutes after declaration (target: 30 minutes), and open
  // SEV1/SEV2 incidents whose last entry is older than 15 minutes.
  await expect(page.getByText("Response target missed").first()).toBeVisible();
  await expect(page.getByText("Update overdue").first()).toBeVisible();
});

test("the list has no serious accessibility violations", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

test("list and detail fit a phone-width screen and a 1366×768 laptop", async ({ page }) => {
  await signIn(page, "responder");
  for (const size of [
    { width: 390, height: 844 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    for (const path of ["/incidents", "/incidents/metrics"]) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} at ${size.width}px`).toBe(0);
    }
    await page.goto("/incidents");
    await page.locator("tbody tr a").first().click();
    await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `detail at ${size.width}px`).toBe(0);
    await page.screenshot({
      path: `test-results/screenshots/detail-${size.width}.png`,
      fullPage: size.width < 500,
    });
  }
});

test("Export CSV downloads every incident the filters match", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents?status=resolved");
  const shown = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-incident")));
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV (filtered)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("incidents.csv");
  const { parse } = await import("csv-parse/sync");
  const { readFile } = await import("node:fs/promises");
  const records = parse(await readFile((await download.path())!, "utf8"), { columns: true }) as {
    id: string;
    status: string;
  }[];
  expect(records.length).toBeGreaterThanOrEqual(shown.length);
  expect(records.slice(0, shown.length).map((record) => record.id)).toEqual(shown);
  expect(new Set(records.map((record) => record.status))).toEqual(new Set(["resolved"]));
});
