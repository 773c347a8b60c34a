import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { navLink } from "./support/nav";

type Item = {
  id: string;
  severity: string;
  status: string;
  lastManualUpdateAt: string | null;
  createdAt: string;
};

const putIntervals = (page: Page, updateIntervalMinutes: Record<string, number | null>) =>
  page.evaluate(
    async (body) => {
      const res = await fetch("/api/settings/reminders", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { updateIntervalMinutes },
  );

const DEFAULTS = { SEV1: 15, SEV2: 15, SEV3: null, SEV4: null };

test("admins set the update reminder intervals; the incident list flags by them", async ({ page }) => {
  await signIn(page, "admin");
  await (await navLink(page, "Settings", "Users")).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Reminders" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Update reminders" })).toBeVisible();
  await expect(page.getByLabel("SEV1 (Critical)")).toHaveValue("15");
  await expect(page.getByLabel("SEV4 (Low)")).toHaveValue("");

  // A bad value is refused inline and keeps what was typed; nothing is saved.
  await page.getByLabel("SEV4 (Low)").fill("soon");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#interval-SEV4-error")).toHaveText(
    "Use a whole number of minutes; leave it empty (null in the API) for no reminder.",
  );
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "SEV4: Use a whole number of minutes; leave it empty (null in the API) for no reminder.",
  );
  await expect(page.getByLabel("SEV4 (Low)")).toHaveValue("soon");
  await expect(page.getByLabel("SEV4 (Low)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("SEV4 (Low)").fill("60");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/reminder-settings.png", fullPage: true });
  await page.reload();
  await expect(page.getByLabel("SEV4 (Low)")).toHaveValue("60");
  const saved = await page.evaluate(async () => (await fetch("/api/settings/reminders")).json());
  expect(saved).toEqual({ updateIntervalMinutes: { SEV1: 15, SEV2: 15, SEV3: null, SEV4: 60 } });

  // The demo's investigating SEV4 has been silent for hours: flagged now that SEV4 has an interval.
  await page.goto("/incidents?status=declared,investigating,mitigated&severity=SEV4");
  await expect(page.locator("tbody tr").filter({ hasText: "Update overdue" }).first()).toBeVisible();
  expect(await putIntervals(page, DEFAULTS)).toBe(200);
  await page.reload();
  await expect(page.locator("tbody tr").filter({ hasText: "Update overdue" })).toHaveCount(0);
});

test("a silent SEV1 shows the banner, and the reminder job notes it on the timeline", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "responder");
  // Escalate a demo incident that has had no manual update for over 20 minutes: a severity change is no update.
  const silent = await page.evaluate(async () => {
    const res = await fetch("/api/dashboard/incidents?status=investigating,mitigated&limit=50");
    const items = (await res.json()).items as Item[];
    const quietSince = (i: Item) => new Date(i.lastManualUpdateAt ?? i.createdAt).getTime();
    return items.find((i) => i.severity !== "SEV1" && Date.now() - quietSince(i) > 20 * 60_000)!;
  });
  expect(silent).toBeTruthy();
  await page.goto(`/incidents/${silent.id}`);
  await page.getByLabel("Set severity").selectOption("SEV1");
  await page.getByRole("region", { name: "Severity" }).getByRole("button", { name: "Change" }).click();
  await expect(page.getByRole("main").locator("header")).toContainText("SEV1");

  const banner = page.getByTestId("update-overdue");
  await expect(banner).toContainText(/No update for (\d+m|\d+h \d+m)/);
  await expect(banner).toContainText("SEV1 incidents need an update at least every 15 minutes");
  await page.screenshot({ path: "test-results/e2e/update-overdue-banner.png", fullPage: false });

  // The scheduled job (every minute) writes a system note for the silence (once: tests/integration/reminders.test.ts).
  const notes = page.locator('li[data-kind="update_overdue"]');
  await expect(async () => {
    await page.reload();
    await expect(notes.last()).toContainText("reminder sent", { timeout: 1000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });

  await banner.getByRole("link", { name: "post one" }).click();
  await page
    .getByLabel("Message", { exact: true })
    .fill("Escalated: rolling back now, next update in 15 minutes.");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.locator('li[data-kind="update"]').last()).toContainText("Escalated: rolling back now");
  await expect(banner).toHaveCount(0);
});
