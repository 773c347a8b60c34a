import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { declareViaApi } from "./support/declare";

// Every incident of this file has a Markdown description (the Markdown test reads it).
const declare = (page: Page, title: string, severity = "SEV3") =>
  declareViaApi(page, title, { severity, description: "Search is **slow**." });

const timelineTexts = (page: Page) =>
  page.getByRole("list", { name: "Timeline" }).locator(":scope > li").allInnerTexts();

test("walk an incident through every phase, escalate and reassign: the timeline tells it in order", async ({
  page,
}) => {
  await signIn(page, "responder");
  const id = await declare(page, "Walkthrough: search degraded");
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Walkthrough: search degraded" })).toBeVisible();

  const header = page.getByRole("main").locator("header");
  await page.getByRole("button", { name: "Start investigating" }).click();
  await expect(header).toContainText("investigating");

  await page.getByLabel("Set severity").selectOption("SEV2");
  await page.getByRole("region", { name: "Severity" }).getByRole("button", { name: "Change" }).click();
  await expect(header).toContainText("SEV2");

  await page.getByLabel("Incident commander").selectOption({ label: "Alex Chen" });
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(header).toContainText("Alex Chen");
  await page.getByLabel("Incident commander").selectOption({ label: "Marcus Okafor" });
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(header).toContainText("Marcus Okafor");

  await page.getByRole("button", { name: "Mark mitigated…" }).click();
  await page.getByLabel("Mitigation summary").fill("Throttled the **shard rebalance**.");
  await page.getByRole("button", { name: "Mark mitigated", exact: true }).click();
  await expect(header).toContainText("mitigated");

  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("Resolution summary").fill("Rebalance finished; alert added.");
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await expect(header).toContainText("resolved");
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  const expected = [
    /Incident declared as SEV3 in production/,
    // search-api has an on-call rotation in the demo, so the incident starts with its on-call engineer.
    /Assigned .+ as commander \(on call for search-api\)/,
    /Status changed declared → investigating/,
    /Severity escalated SEV3 → SEV2/,
    /Commander changed from .+ to Alex Chen/,
    /Commander changed from Alex Chen to Marcus Okafor/,
    /Status changed investigating → mitigated[\s\S]*Throttled the shard rebalance/,
    /Status changed mitigated → resolved[\s\S]*Rebalance finished/,
    /Postmortem generated on resolution/,
  ];
  // The postmortem entry arrives a moment after the resolution (its consumer), and the page refreshes live.
  await expect
    .poll(async () => (await timelineTexts(page)).length, { timeout: 20_000 })
    .toBe(expected.length);
  const texts = await timelineTexts(page);
  expected.forEach((pattern, i) => expect(texts[i]).toMatch(pattern));
  // Summaries are Markdown, like updates: on the page and in the timeline.
  await expect(page.getByRole("region", { name: "Summaries" }).locator("strong")).toHaveText(
    "shard rebalance",
  );
  await expect(page.locator('li[data-kind="status_changed"] strong')).toHaveText("shard rebalance");
  await page.screenshot({ path: "test-results/screenshots/incident-detail.png", fullPage: true });
});

test("a Markdown update renders bold, lists and links, and scripts stay inert", async ({ page }) => {
  await signIn(page, "responder");
  const id = await declare(page, "Markdown rendering check");
  await page.goto(`/incidents/${id}`);
  const latest = page.getByRole("region", { name: "Latest update" });
  await expect(latest).toContainText("No update posted yet.");
  let dialogs = 0;
  page.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const message =
    "**Root cause** found\n\n- rolled back\n- [runbook](https://example.com/runbook)\n\n<script>alert('x')</script>\n[click me](javascript:alert('y'))\n<img src=x onerror=\"alert('z')\">";
  await page.getByLabel("Message", { exact: true }).fill(message);
  await page.getByRole("tab", { name: "Preview" }).first().click();
  await expect(page.getByTestId("update-message-preview").locator("strong")).toHaveText("Root cause");
  await page.getByRole("button", { name: "Post update" }).click();

  const entry = page.locator('li[data-kind="update"]').last();
  await expect(entry.locator("strong")).toHaveText("Root cause");
  await expect(entry.locator("ul > li")).toHaveText(["rolled back", "runbook"]);
  await expect(entry.getByRole("link", { name: "runbook" })).toHaveAttribute(
    "href",
    "https://example.com/runbook",
  );
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(await entry.locator("script, img").count()).toBe(0);
  await expect(entry).toContainText("click me");
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
  // The header card shows the same update, rendered, with who posted it and how long ago.
  await expect(latest.locator("strong")).toHaveText("Root cause");
  await expect(latest).toContainText(/Update by .+ · \d+s ago/);
  expect(await latest.locator("script, img").count()).toBe(0);
});

test("links: add each kind and remove one", async ({ page }) => {
  await signIn(page, "responder");
  const id = await declare(page, "Linking check", "SEV2");
  await page.goto(`/incidents/${id}`);
  const panel = page.getByRole("region", { name: "Linked data" });
  for (const [type, target] of [
    ["Alert", "alert_event_1"],
    ["Error group", "err_9"],
    ["Release", "v9.9.9"],
  ]) {
    await panel.getByLabel("Link type").selectOption({ label: type });
    await panel.getByLabel("ID to link").fill(target);
    await panel.getByRole("button", { name: "Link", exact: true }).click();
    await expect(panel.getByText(target)).toBeVisible();
  }
  await panel.getByLabel("ID to link").fill("alert_event_1");
  await panel.getByRole("button", { name: "Link", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("Already linked");
  await panel.getByRole("button", { name: "Unlink error group err_9" }).click();
  await expect(panel.getByText("err_9")).toHaveCount(0);
  const texts = await timelineTexts(page);
  expect(texts.filter((t) => /linked|unlinked/.test(t)).map((t) => t.split("\n").pop())).toEqual([
    "Alert alert_event_1 linked",
    "Error group err_9 linked",
    "Release v9.9.9 linked",
    "Error group err_9 unlinked",
  ]);
});

test("two people edit at once: an edit in progress keeps its version, so the save shows the conflict and the fresh state", async ({
  browser,
  page,
}) => {
  await signIn(page, "responder");
  const id = await declare(page, "Conflict check");
  await page.goto(`/incidents/${id}`);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  const other = await (await browser.newContext()).newPage();
  await signIn(other, "admin");
  await other.goto(`/incidents/${id}`);

  // The first reader starts choosing a severity; meanwhile the other one changes it.
  await page.getByLabel("Set severity").selectOption("SEV4");
  await other.getByLabel("Set severity").selectOption("SEV1");
  await other.getByRole("region", { name: "Severity" }).getByRole("button", { name: "Change" }).click();
  await expect(other.getByRole("main").locator("header")).toContainText("SEV1");

  // The live page shows the change, keeps the reader's choice and says it conflicts.
  const severity = page.getByRole("region", { name: "Severity" });
  await expect(page.getByRole("main").locator("header")).toContainText("SEV1");
  await expect(severity.getByText("Someone else changed the severity while you were editing.")).toBeVisible();
  await expect(page.getByLabel("Set severity")).toHaveValue("SEV4");
  await severity.screenshot({ path: "test-results/screenshots/live-conflict-notice.png" });
  await severity.getByRole("button", { name: "Change" }).click();
  await expect(severity.getByRole("alert")).toContainText("Someone else changed this incident");
  await expect(page.getByRole("main").locator("header")).toContainText("SEV1");
  await expect(page.getByLabel("Set severity")).toHaveValue("SEV1");
  await other.context().close();
});

test("the detail page has no serious accessibility violations", async ({ page }) => {
  await signIn(page, "responder");
  await page.goto("/incidents");
  await page.getByRole("link", { name: /INC-\d{4}-0036/ }).click();
  await expect(page.getByRole("list", { name: "Timeline" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

test("service health charts show error rate and p95 latency with phase markers, or say what to send", async ({
  page,
}) => {
  await signIn(page, "responder");
  // A resolved demo incident: hours long, with a generated 1-minute series around it.
  await page.goto("/incidents?status=resolved&q=Checkout%20API%20returning%20500");
  await page.locator("tbody tr a").first().click();
  const health = page.getByRole("region", { name: "Service health" });
  const first = health.locator("section").first();
  await expect(first.getByRole("figure", { name: "Error rate (%)" })).toBeVisible();
  await expect(first.getByRole("figure", { name: "p95 latency (ms)" })).toBeVisible();
  expect(Number(await first.getAttribute("data-points"))).toBeGreaterThan(100);
  expect(Number(await first.getAttribute("data-points"))).toBeLessThanOrEqual(500);
  const errorChart = first.getByRole("figure", { name: "Error rate (%)" });
  await expect(errorChart.locator("[data-chart-line]")).toHaveCount(1);
  // Four phase markers and the demo's release, deployed 15 minutes before the impact.
  await expect(errorChart.locator("[data-chart-mark]")).toHaveCount(5);
  await expect(errorChart.getByText(/^▲ v2\.\d+\.\d+$/)).toBeVisible();
  await expect(errorChart.locator("[data-chart-band]")).toHaveCount(1);
  for (const label of ["declared", "investigating", "mitigated", "resolved"])
    await expect(errorChart.getByText(label, { exact: true })).toBeVisible();
  await health.screenshot({ path: "test-results/screenshots/service-health.png" });

  const id = await declare(page, "No telemetry for this one");
  await page.evaluate(async (id) => {
    await fetch(`/api/dashboard/incidents/${id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ services: ["brand-new-service"] }),
    });
  }, id);
  await page.goto(`/incidents/${id}`);
  await expect(page.getByText("No health data for brand-new-service in this window.")).toBeVisible();
  await expect(page.getByText("POST /api/ingest/metrics")).toBeVisible();
});

test("an open detail page shows someone else's change live, without a reload", async ({ browser, page }) => {
  await signIn(page, "responder");
  const id = await declare(page, "Watched incident");
  const watcher = await (await browser.newContext()).newPage();
  await signIn(watcher, "viewer");
  await watcher.goto(`/incidents/${id}`);
  await expect(watcher.getByText("Live", { exact: true })).toBeVisible();
  await watcher.evaluate(() => ((window as unknown as { marker: string }).marker = "same page"));

  await page.evaluate(async (id) => {
    await fetch(`/api/dashboard/incidents/${id}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ severity: "SEV1" }),
    });
  }, id);
  await expect(watcher.getByRole("main").locator("header")).toContainText("SEV1");
  expect(await watcher.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("same page");
  await watcher.context().close();
});

test("an open SEV1/SEV2 without an update for 15 minutes asks for one, until one is posted", async ({
  page,
}) => {
  await signIn(page, "responder");
  // The demo's investigating SEV2 incidents last heard of more than 15 minutes ago (earlier specs may
  // have added fresher ones, so pick a row the list itself flags).
  await page.goto("/incidents?status=investigating&severity=SEV2");
  await page.locator("tbody tr").filter({ hasText: "Update overdue" }).first().locator("a").first().click();
  await expect(page.getByTestId("update-overdue")).toContainText(/No update for \d+/);
  await page.getByLabel("Message", { exact: true }).fill("Still rolling back; next update in 15 minutes.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.locator('li[data-kind="update"]').last()).toContainText("Still rolling back");
  await expect(page.getByTestId("update-overdue")).toHaveCount(0);
});
