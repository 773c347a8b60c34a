import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { declareViaApi } from "./support/declare";

test("resolve → postmortem link → edit → action item → publish → item done leaves the open list", async ({
  page,
}) => {
  await signIn(page, "responder");
  const title = `Postmortem walk ${Date.now()}`;
  const id = await declareViaApi(page, title);

  await page.goto(`/incidents/${id}`);
  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("Resolution summary").fill("Index rebuilt; the slow query has an index now.");
  await page.getByRole("button", { name: "Resolve incident" }).click();
  const link = page.getByTestId("postmortem-link");
  await expect(link).toHaveText("Postmortem (draft)");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${id}/postmortem$`));
  await expect(page.getByRole("textbox", { name: "Root cause" })).toHaveValue(
    "Index rebuilt; the slow query has an index now.",
  );
  await expect(page.getByRole("textbox", { name: "Timeline", exact: true })).toHaveValue(
    /UTC — .*Incident declared as SEV2/,
  );

  await page
    .getByRole("textbox", { name: "Root cause" })
    .fill("A missing index on **search_terms** after the migration.");
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved");
  await page.screenshot({ path: "test-results/e2e/postmortem-editor.png", fullPage: true });

  await page
    .getByRole("textbox", { name: "Title", exact: true })
    .fill("Check migrations for missing indexes in CI");
  await page.getByRole("combobox", { name: "Priority" }).selectOption("high");
  await page.getByLabel("Due date").fill("2020-01-15");
  await page.getByRole("button", { name: "Add action item" }).click();
  const row = page
    .getByTestId("action-item")
    .filter({ hasText: "Check migrations for missing indexes in CI" });
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute("data-overdue", "true");

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("postmortem-status")).toHaveText("In review");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("postmortem-status")).toHaveText("Published");
  await expect(page.getByRole("textbox", { name: "Root cause" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Root cause" })).toContainText(
    "A missing index on search_terms after the migration.",
  );
  await expect(page.getByTestId("postmortem-meta")).toContainText("Published");

  await page.goto("/action-items");
  await expect(page.getByTestId("action-item").filter({ hasText: "Check migrations" })).toBeVisible();
  await expect(page.getByTestId("action-item-counts")).toContainText(/Open: [1-9]/);
  await page.screenshot({ path: "test-results/e2e/action-items-open.png", fullPage: true });

  await page.goto(`/incidents/${id}/postmortem`);
  await row.getByLabel(/Status of/).selectOption("done");
  await row.getByRole("button", { name: /Save status/ }).click();
  await expect(row).toHaveAttribute("data-status", "done");

  await page.goto("/action-items");
  await expect(page.getByRole("heading", { name: "Action items" })).toBeVisible();
  await expect(page.getByTestId("action-item").filter({ hasText: "Check migrations" })).toHaveCount(0);
  await page.goto("/action-items?status=done");
  await expect(page.getByTestId("action-item").filter({ hasText: "Check migrations" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/action-items-done.png", fullPage: true });

  await page.goto("/incidents/metrics");
  await expect(page.getByTestId("follow-up-table")).toContainText("search-api");

  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(
    "Action item “Check migrations for missing indexes in CI” open → done",
  );
});

test("a draft reads as a document one click away, exports as Markdown and prints without the app around it", async ({
  page,
}) => {
  await signIn(page, "responder");
  const id = await declareViaApi(page, `Postmortem reading ${Date.now()}`);
  await page.goto(`/incidents/${id}`);
  await page.getByRole("button", { name: "Resolve…" }).click();
  await page.getByLabel("Resolution summary").fill("Rolled back **release 42**; errors stopped.");
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await page.getByTestId("postmortem-link").click();
  await expect(page.getByRole("textbox", { name: "Root cause" })).toBeVisible();

  await page.getByRole("link", { name: "Read", exact: true }).click();
  await expect(page).toHaveURL(/view=read$/);
  await expect(page.getByRole("textbox", { name: "Root cause" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Root cause" }).locator("strong")).toHaveText("release 42");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export Markdown" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${id}-postmortem.md`);
  const { readFile } = await import("node:fs/promises");
  const markdown = await readFile((await download.path())!, "utf8");
  expect(markdown).toMatch(new RegExp(`^# Postmortem: ${id} Postmortem reading`));
  expect(markdown).toContain("Draft · SEV2");
  expect(markdown).toContain("## Root cause\n\nRolled back **release 42**; errors stopped.");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Postmortem views" })).toBeHidden();
  await expect(page.locator("body > header")).toBeHidden();
  await expect(page.getByRole("region", { name: "Root cause" })).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/postmortem-print.png", fullPage: true });
});
