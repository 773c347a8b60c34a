import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("every signed-in page has no serious accessibility violations (as admin)", async ({ page }) => {
  // Axe runs on eleven pages; two shared cores make that longer than the default minute.
  test.setTimeout(180_000);
  await signIn(page, "admin");
  const firstIncident = await page.evaluate(
    async () => (await (await fetch("/api/dashboard/incidents?limit=1")).json()).items[0].id as string,
  );
  const pages: [string, string][] = [
    ["/incidents", "Incidents"],
    ["/incidents/new", "Declare an incident"],
    [`/incidents/${firstIncident}`, ""],
    ["/incidents/metrics", "Incident metrics"],
    ["/workflows", "Workflows"],
    ["/services", "Services and on-call"],
    ["/errors", "Errors"],
    ["/releases", "Releases"],
    ["/settings/tokens", "API tokens"],
    ["/settings/users", "Users"],
    ["/action-items", "Action items"],
    [`/incidents/${firstIncident}/postmortem`, "Postmortem"],
    ["/settings/postmortems", "Postmortems"],
    ["/settings/reminders", "Update reminders"],
    ["/settings/webhooks", "Webhooks"],
    ["/settings/mail", "Mail"],
    ["/pages", "Pages"],
    ["/paging/policies", "Escalation policies"],
    ["/incidents/INC-1999-9999", ""],
  ];
  const found: Record<string, string[]> = {};
  for (const [path, heading] of pages) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBeLessThan(500);
    if (heading) await expect(page.getByRole("heading", { level: 1 }).first(), path).toContainText(heading);
    await page.waitForLoadState("networkidle");
    const violations = await seriousViolations(page);
    if (violations.length) found[path] = violations;
  }
  expect(found).toEqual({});
});
