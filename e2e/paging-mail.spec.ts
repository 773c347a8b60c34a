import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expect, test } from "./support/test";

// Issue 23's walk-through: a verified mail address, a SEV1 on a service with a policy, the page in the
// local mailbox (no SMTP_URL in the e2e server), its Acknowledge link opened without a session,
// confirmed, and the acknowledgement in the incident's Paging panel and timeline.
const SHOTS = "test-results/screenshots";
const SERVICE = "inventory-service";

/** The text part of the newest mail whose subject matches, from /settings/mail (admin). */
async function mailText(page: Page, subject: RegExp): Promise<string> {
  let text = "";
  await expect(async () => {
    await page.goto("/settings/mail");
    await page.getByRole("link", { name: subject }).first().click({ timeout: 1_000 });
    text = await page.locator("pre").first().innerText();
  }).toPass({ timeout: 30_000 });
  return text;
}

const api = (page: Page, path: string, method: string, body?: unknown) =>
  page.evaluate(
    async ({ path, method, body }) => {
      const res = await fetch(path, {
        method,
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    { path, method, body },
  );

test.afterEach(async ({ page }) => {
  await api(page, `/api/services/${SERVICE}/paging`, "PUT", { policyId: null });
});

test("a page reaches the on-call's mailbox, and its Acknowledge link, confirmed, acknowledges it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin", "/settings/paging");
  const label = `Work mail ${Date.now()}`;
  await page.getByLabel("Label").fill(label);
  await page.getByLabel("E-mail address").fill("alex.oncall@example.com");
  await page.getByRole("button", { name: "Add contact method" }).click();
  await expect(page.getByText(`Added “${label}”`)).toBeVisible();
  await page.getByRole("button", { name: `Send a code to ${label}` }).click();
  const code = /\b(\d{6})\b/.exec(await mailText(page, /Your verification code/))?.[1];
  expect(code).toMatch(/^\d{6}$/);
  await page.goto("/settings/paging");
  await page.getByLabel(`Code for ${label}`).fill(code!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("No verified contact method")).toHaveCount(0);

  const users = await api(page, "/api/settings/users", "GET");
  const me = (users.json.items as { id: string; email: string }[]).find(
    (u) => u.email === "alex.chen@example.com",
  )!;
  const policy = await api(page, "/api/escalation-policies", "POST", {
    name: `Mail walk-through ${Date.now()}`,
    steps: [{ delayMinutes: 5, targets: [{ type: "user", userId: me.id }] }],
  });
  expect(policy.status).toBe(201);
  expect(
    (await api(page, `/api/services/${SERVICE}/paging`, "PUT", { policyId: policy.json.id })).status,
  ).toBe(200);
  const title = `Inventory sync stalled ${Date.now()}`;
  const declared = await api(page, "/api/dashboard/incidents", "POST", {
    title,
    severity: "SEV1",
    services: [SERVICE],
    environment: "production",
  });
  const incidentId = declared.json.id as string;

  // The mail of the page, with its links.
  const text = await mailText(page, new RegExp(`Paged: ${incidentId}`));
  expect(text).toContain(title);
  const link = /Acknowledge \(stops the escalation\): (\S+)/.exec(text)?.[1];
  expect(link).toMatch(/\/pages\/act\/[A-Za-z0-9_-]{43}$/);
  await page.screenshot({ path: `${SHOTS}/paging-mail.png`, fullPage: true });

  // Opened where the mail is read: no session, and nothing happens until the button.
  const anonymous = await browser.newContext();
  const phone = await anonymous.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(new URL(link!).pathname);
  await expect(phone.getByRole("heading", { name: "Acknowledge this page?" })).toBeVisible();
  await expect(phone.getByText(`${incidentId}: ${title}`)).toBeVisible();
  await phone.screenshot({ path: `${SHOTS}/paging-confirm-390.png`, fullPage: true });
  await phone.getByRole("button", { name: "Acknowledge" }).click();
  await expect(phone.getByRole("status")).toContainText("Acknowledged");
  // Used once: the same link now explains itself and acts no more.
  await phone.reload();
  await expect(phone.getByText("This link was already used; each link works once.")).toBeVisible();
  await anonymous.close();

  await page.goto(`/incidents/${incidentId}`);
  const panel = page.getByRole("region", { name: "Paging" });
  await expect(panel.getByTestId("page-status-line")).toContainText("by Alex Chen");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    "Alex Chen acknowledged the page.",
  );
  await page.screenshot({ path: `${SHOTS}/paging-acknowledged.png`, fullPage: true });
});
