import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const SHOTS = "test-results/screenshots";
const SEED_CONDITION = "severity = critical AND service in [payment-service, checkout-api]";

test("a responder builds the seed's workflow, seeing syntax errors while typing", async ({ page }) => {
  await signIn(page, "responder");
  await page.getByRole("link", { name: "Workflows", exact: true }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();

  const name = `Critical payments alerts ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Trigger").selectOption("alert_fired");

  // A broken condition is reported as it is typed, before any submit: column and what was expected.
  const condition = page.getByLabel("Condition");
  await condition.pressSequentially("severity = critical AND service in [payment-service");
  const error = page.locator("#new-condition-error");
  await expect(error).toHaveText(
    "At column 52: expected , or ] in the list of values, found the end of the condition.",
  );
  await expect(condition).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("condition-caret")).toContainText(`${" ".repeat(51)}^`);
  await page.screenshot({ path: `${SHOTS}/workflows-inline-error.png`, fullPage: true });

  await condition.pressSequentially(", checkout-api]");
  await expect(error).toHaveCount(0);
  await expect(condition).toHaveValue(SEED_CONDITION);
  await expect(condition).toHaveAttribute("aria-invalid", "false");

  // The default action is the seed's: create_incident with severity SEV1.
  const row = page.getByTestId("action-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByLabel("Action 1 type")).toHaveValue("create_incident");
  await expect(row.getByLabel("Severity")).toHaveValue("SEV1");

  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(violations.map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_[0-9a-f-]+\?saved=1$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText(`alert_fired: ${SEED_CONDITION}`)).toBeVisible();
  await expect(page.getByText("No runs yet.")).toBeVisible();
  const onEdit = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(onEdit.map((v) => v.id)).toEqual([]);

  // The API sees exactly what the form built.
  const saved = await page.evaluate(
    async () =>
      (await (await fetch("/api/workflows")).json()).items as {
        name: string;
        trigger: string;
        condition: string;
        actions: unknown[];
        enabled: boolean;
      }[],
  );
  expect(saved.find((w) => w.name === name)).toMatchObject({
    trigger: "alert_fired",
    condition: SEED_CONDITION,
    actions: [{ type: "create_incident", severity: "SEV1" }],
    enabled: true,
  });

  // Disable and enable from the list.
  await page.getByRole("link", { name: "← Workflows" }).click();
  const toggle = page.getByRole("button", { name: `Disable ${name}` });
  await toggle.click();
  await expect(page.getByRole("button", { name: `Enable ${name}` })).toHaveAttribute("aria-pressed", "false");
  await page.screenshot({ path: `${SHOTS}/workflows-list.png`, fullPage: true });
});

test("a malformed condition sent anyway is refused with its position, and nothing is saved", async ({
  page,
}) => {
  await signIn(page, "responder", "/workflows");
  const before = await page.evaluate(
    async () => (await (await fetch("/api/workflows")).json()).items.length as number,
  );
  const res = await page.evaluate(async () => {
    const r = await fetch("/api/workflows", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Broken",
        trigger: "alert_fired",
        condition: "severity = AND",
        actions: [{ type: "create_incident", severity: "SEV1" }],
      }),
    });
    return { status: r.status, body: await r.json() };
  });
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({ offset: 11, column: 12, errors: [{ path: "condition" }] });
  expect(
    await page.evaluate(async () => (await (await fetch("/api/workflows")).json()).items.length as number),
  ).toBe(before);
});

test("the preview tests an incident condition against recent incidents", async ({ page }) => {
  await signIn(page, "responder", "/workflows");
  await page.getByLabel("Trigger").selectOption("incident_declared");
  await page.getByLabel("Condition").fill("severity in [SEV1, SEV2]");
  await page.getByRole("button", { name: "Test against the last 50" }).click();
  const result = page.getByTestId("preview-result");
  await expect(result).toContainText(/\d+ of the last \d+ incident_declared events match\./);
  await expect(result.getByRole("listitem").first()).toBeVisible();
});

test("a viewer reads workflows but is offered no editor", async ({ page }) => {
  await signIn(page, "viewer", "/workflows");
  await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "New workflow" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create workflow" })).toHaveCount(0);
});

test("the seed's workflow, built in /workflows, declares a SEV1 for a matching alert sent to the API", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "admin", "/workflows");
  const stamp = Date.now();
  const name = `Critical payments alerts e2e ${stamp}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Trigger").selectOption("alert_fired");
  await page.getByLabel("Condition").fill(SEED_CONDITION);
  await expect(page.getByTestId("action-row").getByLabel("Severity")).toHaveValue("SEV1");
  await page.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_[0-9a-f-]+\?saved=1$/);

  const token = await page.request.post("/api/settings/tokens", {
    data: { name: `e2e-workflows-${stamp}`, role: "responder" },
    headers: { origin: baseURL! },
  });
  expect(token.status()).toBe(201);
  const auth = { authorization: `Bearer ${(await token.json()).secret}` };
  const title = `Payment 5xx above 5% (e2e ${stamp})`;
  const fired = await page.request.post("/api/alerts", {
    headers: auth,
    data: {
      title,
      service: "payment-service",
      environment: "production",
      severity: "critical",
      status: "firing",
      dedupKey: `e2e-payments-${stamp}`,
      value: 0.12,
      threshold: 0.05,
    },
  });
  expect(fired.status()).toBe(201);

  // The server's workers (instrumentation.ts) deliver the alert.fired event to the workflow.
  await expect(async () => {
    await page.goto("/incidents");
    await expect(page.getByRole("link", { name: title }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  const row = page.getByRole("row").filter({ hasText: title }).first();
  await expect(row).toContainText("SEV1");
  await page.screenshot({ path: `${SHOTS}/workflows-sev1-from-alert.png`, fullPage: true });
});
