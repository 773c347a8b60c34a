import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { declareViaApi } from "./support/declare";
import { expect, test } from "./support/test";

const SHOTS = "test-results/screenshots";
const INTERNAL_TITLE = "INTERNAL-ONLY search shard 7 OOM after reindex";

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

test("a SEV1's draft is published from the incident page, read signed out without script, and resolved", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "responder");
  const slug = `e2e-composer-${Date.now()}`;
  const created = await api(page, "POST", "/api/status-pages", { name: "Acme Composer", slug });
  expect(created.status).toBe(201);
  const pageId = created.json.id as string;
  const component = await api(page, "POST", `/api/status-pages/${pageId}/components`, {
    name: "Search",
    services: ["search-api"],
  });
  expect(component.status).toBe(201);
  const incidentId = await declareViaApi(page, INTERNAL_TITLE, {
    severity: "SEV1",
    description: "INTERNAL-ONLY: Alex restarted shard 7 twice.",
  });

  await page.goto(`/incidents/${incidentId}`);
  const panel = page.getByRole("region", { name: "Status page" });
  // SEV1: open at once, with the hint and a draft in plain words.
  await expect(panel.getByText("Draft for customers")).toBeVisible();
  await panel.getByLabel("Status page").selectOption({ label: `Acme Composer (/status/${slug})` });
  await expect(panel.getByLabel("Title for customers")).toHaveValue("Problems with Search");
  const body = panel.getByLabel("Message for customers");
  await expect(body).toHaveValue(
    "We are investigating reports of problems with Search. We will post an update within 30 minutes.",
  );
  await expect(body).not.toHaveValue(/INTERNAL-ONLY/);
  await expect(panel.getByLabel("Search", { exact: true })).toHaveValue("major_outage");

  // The preview is the public page's markup: it follows the text as it is typed.
  const preview = panel.getByTestId("public-preview");
  await expect(preview.getByText("We are investigating reports of problems with Search.")).toBeVisible();
  await body.fill("Some searches **fail** or are slow. We will post an update within 30 minutes.");
  await expect(preview.locator("strong", { hasText: "fail" })).toBeVisible();
  await expect(preview.getByText("Major outage")).toBeVisible();

  // The open composer and its preview (in a shadow root) pass axe.
  const axe = await new AxeBuilder({ page }).include("#status-page").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // A refused publish keeps what was written and says why beside the field.
  await panel.getByLabel("Title for customers").fill("");
  await panel.getByRole("button", { name: "Publish to Acme Composer" }).click();
  await expect(panel.getByText("Give a title.").first()).toBeVisible();
  await expect(body).toHaveValue(/Some searches \*\*fail\*\*/);
  await panel.getByLabel("Title for customers").fill("Search is failing for some customers");
  await expect(panel.getByText("Give a title.")).toHaveCount(0);
  await panel.screenshot({ path: `${SHOTS}/status-composer-draft.png` });
  await panel.getByRole("button", { name: "Publish to Acme Composer" }).click();

  // Linked: what customers see, and where.
  await expect(panel.getByText("Search is failing for some customers")).toBeVisible();
  await expect(panel.getByRole("link", { name: `Open /status/${slug}` })).toBeVisible();
  await expect(
    page.getByText("Published to the status page: Search is failing for some customers"),
  ).toBeVisible();

  const reader = await browser.newContext({ javaScriptEnabled: false });
  const publicPage = await reader.newPage();
  await publicPage.goto(`/status/${slug}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText("Major outage");
  await expect(
    publicPage.getByRole("heading", { name: "Search is failing for some customers" }),
  ).toBeVisible();
  await expect(publicPage.getByText("Some searches fail or are slow.")).toBeVisible();
  await expect(
    publicPage.getByRole("listitem").filter({ hasText: "Search" }).getByText("Major outage", { exact: true }),
  ).toBeVisible();
  await expect(publicPage.getByText("INTERNAL-ONLY")).toHaveCount(0);

  // Resolve from the incident page: components go back to operational by default.
  await panel.getByLabel("Phase").selectOption("resolved");
  await expect(panel.getByLabel("Search", { exact: true })).toHaveValue("operational");
  await panel.screenshot({ path: `${SHOTS}/status-composer-follow-up.png` });
  await panel.getByRole("button", { name: "Resolve on the status page" }).click();
  // Resolved takes no further updates: the form goes, the latest update says so.
  await expect(panel.getByRole("button", { name: "Resolve on the status page" })).toHaveCount(0);
  await expect(panel.getByText(/Latest public update · Resolved/)).toBeVisible();
  await expect(
    page.getByText("Published to the status page: Search is failing for some customers (resolved)"),
  ).toBeVisible();
  // A recurrence is a new public incident: offered collapsed, its own draft inside.
  const again = panel.getByText("Publish a new public incident");
  await expect(again).toBeVisible();
  await expect(panel.getByRole("button", { name: /^Publish to / })).toBeHidden();
  await again.click();
  await expect(panel.getByRole("button", { name: /^Publish to / })).toBeVisible();

  await publicPage.goto(`/status/${slug}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText("All systems operational");
  const search = publicPage.locator("ul.components > li").filter({ hasText: "Search" });
  await expect(search.locator(".status", { hasText: "Operational" }).first()).toBeVisible();
  // Today's uptime bar remembers the outage: not green once resolved.
  const today = search.locator("ol.bars > li").last();
  await expect(today).toHaveAttribute("data-status", /major_outage|partial_outage/);
  await expect(publicPage.getByText("INTERNAL-ONLY")).toHaveCount(0);
  await reader.close();
});
