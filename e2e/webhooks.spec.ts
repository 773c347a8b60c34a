import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";
import { type Receiver, startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";

// The e2e server runs with WEBHOOK_ALLOW_PRIVATE_TARGETS=1 (playwright.config.ts), so it may reach
// this receiver on 127.0.0.1.
const SHOTS = "test-results/screenshots";
let receiver: Receiver;

test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(() => receiver.close());

test("an admin subscribes a receiver, sees the secret once, sends a test and sees it in the delivery log", async ({
  page,
}) => {
  await signIn(page, "admin", "/settings/tokens");
  // Reached from the settings navigation, not the header.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // A URL that cannot be reached is refused inline, with the reason.
  const description = `E2E receiver ${Date.now()}`;
  await page.getByLabel("Receiver URL").fill("http://nothing.invalid/hook");
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create subscription" }).click();
  await expect(page.locator("#new-webhook-url-error")).toContainText("Cannot resolve nothing.invalid");

  await page.getByLabel("Receiver URL").fill(receiver.url("/e2e"));
  await page.getByLabel("Description").fill(description);
  await page.getByRole("checkbox", { name: "incident.update_posted" }).check();
  await page.getByRole("button", { name: "Create subscription" }).click();
  const secretBox = page.getByTestId("webhook-secret");
  await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
  const secret = (await secretBox.textContent())!;
  await expect(page.getByRole("button", { name: "Copy secret" })).toBeVisible();

  const card = page.getByTestId("webhook").filter({ has: page.getByRole("heading", { name: description }) });
  await expect(card.getByText("Enabled", { exact: true })).toBeVisible();

  // Keyboard: focus the test button and press Enter.
  const send = card.getByRole("button", { name: `Send a test to ${description}` });
  await send.focus();
  await page.keyboard.press("Enter");
  await expect(card.getByText("Test queued")).toBeVisible();
  const row = card.getByTestId("deliveries").getByRole("row").filter({ hasText: "webhook.test" });
  await expect(row).toContainText("succeeded", { timeout: 30_000 });
  await expect(row).toContainText("204");
  await expect(row).toContainText(" ms");

  const request = receiver.received.find((r) => r.path === "/e2e")!;
  expect(JSON.parse(request.body)).toMatchObject({ type: "webhook.test" });
  expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/webhooks-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/webhooks-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(violations.map((v) => v.id)).toEqual([]);

  // Shown once: after a reload the secret is nowhere on the page.
  await page.reload();
  expect(await page.content()).not.toContain(secret.slice(6));

  // Disable says who and when; delete asks first.
  await card.getByRole("button", { name: `Disable ${description}` }).click();
  await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
  await expect(card.getByRole("note")).toContainText("Disabled by");
  page.once("dialog", (dialog) => dialog.accept());
  await card.getByRole("button", { name: `Delete ${description}` }).click();
  await expect(card).toHaveCount(0);
});

test("a workflow's notify action sends a declared incident to the chosen subscription", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "admin", "/workflows");
  const stamp = Date.now();
  const origin = { origin: baseURL! };
  const created = await page.request.post("/api/webhooks", {
    headers: origin,
    data: {
      url: receiver.url("/notify"),
      events: ["incident.resolved"],
      description: `Notify target ${stamp}`,
    },
  });
  expect(created.status()).toBe(201);
  const { secret } = await created.json();

  await page.reload();
  await page.getByLabel("Name").fill(`Tell the bridge ${stamp}`);
  await page.getByLabel("Trigger").selectOption("incident_declared");
  await page.getByRole("button", { name: "Remove action 1" }).click();
  await page.getByRole("button", { name: "+ Notify webhook" }).click();
  // Responders choose by label; the URL (a credential for chat webhooks) is not shown.
  await page
    .getByTestId("action-row")
    .getByLabel("Webhook subscription")
    .selectOption({ label: `Notify target ${stamp} (standard)` });
  await expect(page.getByText(receiver.url("/notify"))).toHaveCount(0);
  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_[0-9a-f-]+\?saved=1$/);

  const title = `Bridge notified (e2e ${stamp})`;
  const declared = await page.request.post("/api/dashboard/incidents", {
    headers: origin,
    data: { title, severity: "SEV2", services: ["checkout-api"], environment: "production" },
  });
  expect(declared.status()).toBe(201);
  const incident = await declared.json();
  await expect
    .poll(() => receiver.received.filter((r) => r.path === "/notify").length, { timeout: 30_000 })
    .toBe(1);
  const request = receiver.received.find((r) => r.path === "/notify")!;
  expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
  expect(JSON.parse(request.body)).toMatchObject({
    type: "workflow.notify",
    data: { trigger: "incident_declared", incident: { id: incident.id, title, severity: "SEV2" } },
  });
});
