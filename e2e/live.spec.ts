import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { declareViaApi } from "./support/declare";

// The live incident (docs/live.md): pages follow the SSE streams instead of polling.

/** A value on `window` survives only as long as the document: still there means no reload happened. */
const markDocument = (page: Page) =>
  page.evaluate(() => ((window as unknown as { liveMarker: string }).liveMarker = "not reloaded"));
const documentKept = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker);

test("an update posted in one browser appears in the other without reload, keeping what the reader is typing", async ({
  browser,
  page,
}) => {
  await signIn(page, "responder");
  const id = await declareViaApi(page, "Live: search latency");
  await page.goto(`/incidents/${id}`);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await markDocument(page);

  // The reader is half-way through an update and a resolution summary.
  const composer = page.getByLabel("Message", { exact: true });
  await composer.fill("Draft: cache warm-up is helping, p95 down to");
  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("Resolution summary").fill("Half-written resolution");
  await page.getByLabel("Title", { exact: true }).fill("Live: search latency (edited title)");

  const other = await (await browser.newContext()).newPage();
  await signIn(other, "admin");
  await other.goto(`/incidents/${id}`);
  await other.getByLabel("Message", { exact: true }).fill("Rolled back the index change; watching p95.");
  await other.getByRole("button", { name: "Post update" }).click();
  await expect(other.getByRole("list", { name: "Timeline" })).toContainText(
    "Rolled back the index change; watching p95.",
  );

  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Rolled back the index change; watching p95.");
  expect(await documentKept(page)).toBe("not reloaded");
  await expect(composer).toHaveValue("Draft: cache warm-up is helping, p95 down to");
  await expect(page.getByLabel("Resolution summary")).toHaveValue("Half-written resolution");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Live: search latency (edited title)");
  // A posted update does not conflict with a title edit: no warning, and saving it works.
  await expect(page.getByText(/while you were editing/)).toHaveCount(0);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Live: search latency (edited title)");
  await page
    .getByRole("main")
    .locator("header")
    .screenshot({ path: "test-results/screenshots/live-detail-header.png" });

  // ... and the title change shows up live on the other page.
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Live: search latency (edited title)");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue(
    "Draft: cache warm-up is helping, p95 down to",
  );
  await other.context().close();
});

test("the incident list shows a newly declared incident without reload", async ({ browser, page }) => {
  await signIn(page, "viewer");
  await page.goto("/incidents");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await markDocument(page);

  const other = await (await browser.newContext()).newPage();
  await signIn(other, "responder");
  const title = `Live list check ${Date.now()}`;
  const id = await declareViaApi(other, title);

  await expect(page.getByRole("link", { name: new RegExp(id) })).toBeVisible();
  await expect(page.locator("tbody")).toContainText(title);
  expect(await documentKept(page)).toBe("not reloaded");
  await page
    .getByRole("heading", { level: 1, name: "Incidents" })
    .locator("..")
    .screenshot({ path: "test-results/screenshots/live-list-header.png" });
  await other.context().close();
});
