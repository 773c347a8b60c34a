import { request as apiRequest } from "@playwright/test";
import { signIn } from "./support/auth";
import { navLink } from "./support/nav";
import { expect, test } from "./support/test";

test("admins reach every settings page from the header's Settings menu; responders only see their own pages", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "admin", "/incidents");
  await (await navLink(page, "Settings", "Users")).click();
  await expect(page).toHaveURL(/\/settings\/users$/);
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await expect(tabs.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
  // The main navigation fits on one line for an admin at 1280 px.
  const nav = await page.getByRole("navigation", { name: "Main" }).boundingBox();
  expect(nav!.height).toBeLessThan(60);
  await page.screenshot({ path: "test-results/screenshots/settings-tabs.png" });

  const context = await browser.newContext();
  const responder = await context.newPage();
  await signIn(responder, "responder", "/settings/account");
  await expect(
    responder.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }),
  ).toHaveCount(0);
  // Their account, their paging set-up (contact methods, rules) and the status pages they may change
  // (responders publish to them), nothing of the admins'.
  await expect(responder.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([
    "Your account",
    "Paging",
    "Status pages",
  ]);
  await context.close();
});

test("postmortem settings save per severity, and the audit log's filters find the change", async ({
  page,
}) => {
  await signIn(page, "admin", "/settings/postmortems");
  await expect(page.getByRole("heading", { level: 1, name: "Postmortems" })).toBeVisible();
  const sev4 = page.getByLabel("SEV4 (Low)");
  await expect(sev4).toBeChecked();
  await sev4.uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(sev4).not.toBeChecked();
  // Back to the default: other specs expect every severity to get its postmortem.
  await sev4.check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto("/settings/audit");
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await expect(filters.getByRole("link", { name: "Clear" })).toHaveCount(0);
  await filters.getByLabel("Action").selectOption("settings.postmortems_changed");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=settings\.postmortems_changed/);
  const rows = page.locator("tbody tr");
  await expect(rows.first()).toContainText("settings.postmortems_changed");
  for (const row of await rows.all()) await expect(row).toContainText("settings.postmortems_changed");
  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
});

test("an integration token carries alerts:write alone: it sends alerts and reads nothing", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "admin", "/settings/tokens");
  await page.getByLabel("Name").fill("e2e-alertmanager");
  await page.getByLabel("Integration (alerts:write only)").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  // The form is blank again, and what it shows follows what it holds.
  await expect(page.getByLabel("Role")).toHaveValue("responder");
  await expect(page.getByLabel("No scope limit")).toBeChecked();

  // Chosen scopes: a viewer cannot tick a write scope.
  await page.getByLabel("Name").fill("e2e-reader");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByLabel("Chosen scopes…").check();
  await expect(page.getByRole("checkbox", { name: /^alerts:write/ })).toBeDisabled();
  await page.getByRole("checkbox", { name: /^incidents:read/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("token-secret")).toBeVisible();
  await expect(
    page
      .getByRole("row", { name: /e2e-reader/ })
      .getByRole("cell")
      .nth(2),
  ).toHaveText("incidents:read");

  await page.reload();
  const row = page.getByRole("row", { name: /e2e-alertmanager/ });
  await expect(row.getByRole("cell").nth(2)).toHaveText("alerts:write");
  await expect(row).toContainText("never");

  const client = await apiRequest.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const sent = await client.post("/api/integrations/alertmanager", {
    data: {
      version: "4",
      status: "firing",
      receiver: "incident-manager",
      alerts: [
        {
          status: "firing",
          labels: { alertname: "E2eScopes", service: "checkout-api", env: "prod", severity: "info" },
          annotations: { summary: "Scoped token sends" },
          startsAt: new Date().toISOString(),
          fingerprint: "e2e-scopes-1",
        },
      ],
    },
  });
  expect(sent.status()).toBe(200);
  const refused = await client.get("/api/dashboard/incidents?limit=1");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).detail).toContain("incidents:read");
  // Resolve it again, so other specs see no extra firing alert.
  await client.post("/api/integrations/alertmanager", {
    data: {
      version: "4",
      status: "resolved",
      receiver: "incident-manager",
      alerts: [
        {
          status: "resolved",
          labels: { alertname: "E2eScopes", service: "checkout-api", env: "prod", severity: "info" },
          annotations: { summary: "Scoped token sends" },
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: new Date().toISOString(),
          fingerprint: "e2e-scopes-1",
        },
      ],
    },
  });
  await client.dispose();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke e2e-alertmanager" }).click();
  await expect(row).toContainText("revoked");
});
