import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { signIn } from "./support/auth";

const SHOTS = "test-results/screenshots";

/** The newest incident's ID (or null), to prove a refused submit created nothing. */
const newestId = (page: Page) =>
  page.evaluate(
    async () =>
      ((await (await fetch("/api/dashboard/incidents?limit=1")).json()).items[0]?.id ?? null) as
        string | null,
  );

const countByTitle = (page: Page, q: string) =>
  page.evaluate(
    async (text) =>
      (await (await fetch(`/api/dashboard/incidents?q=${encodeURIComponent(text)}`)).json()).items
        .length as number,
    q,
  );

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a responder declares an incident through the form and finds it in the list", async ({ page }) => {
  await signIn(page, "responder");
  await page.getByRole("link", { name: /Declare incident/ }).click();
  await expect(page).toHaveURL(/\/incidents\/new$/);
  await expect(page.getByRole("heading", { name: "Declare an incident" })).toBeVisible();

  const title = `Checkout latency spike ${Date.now()}`;
  const impact = new Date(Date.now() - 90 * 60_000).toISOString().slice(0, 16);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /^SEV2/ }).check();
  await page.getByRole("button", { name: /Checkout API/ }).click();
  await expect(page.getByRole("button", { name: /Checkout API/ })).toHaveAttribute("aria-pressed", "true");
  const services = page.getByLabel("Affected services");
  await services.fill("edge-gateway-e2e");
  await page.getByRole("button", { name: "Add new service edge-gateway-e2e" }).click();
  await expect(page.getByRole("list", { name: "Selected services" }).getByRole("listitem")).toHaveText([
    /checkout-api/,
    /edge-gateway-e2e\s*new/,
  ]);
  await page.getByLabel("Environment").selectOption("staging");
  await page
    .getByLabel(/^Description/)
    .fill("**p99** at 4 s since `14:02 UTC`.\n\n- EU only\n- [status page](https://status.example.com)");
  await page.getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByRole("tabpanel", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("p99");
  await expect(preview.getByRole("link", { name: "status page" })).toHaveAttribute(
    "href",
    "https://status.example.com",
  );
  await page.screenshot({ path: `${SHOTS}/declare-preview.png`, fullPage: true });
  await page.getByRole("tab", { name: "Write" }).click();
  await page.getByLabel("Incident commander").selectOption({ label: "Marcus Okafor" });
  await page.getByLabel("Impact started (UTC)").fill(impact);
  await page.screenshot({ path: `${SHOTS}/declare.png`, fullPage: true });

  await page.getByRole("button", { name: "Declare incident", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d{4}-\d{4,}$/);
  const id = page.url().split("/").pop()!;

  const saved = await page.evaluate(
    async (incidentId) => (await fetch(`/api/dashboard/incidents/${incidentId}`)).json(),
    id,
  );
  expect(saved).toMatchObject({
    title,
    severity: "SEV2",
    environment: "staging",
    services: ["checkout-api", "edge-gateway-e2e"],
    commanderId: "user_ghi789",
    source: "dashboard",
    impactStartedAt: `${impact}:00.000Z`,
  });
  expect(saved.description).toContain("**p99**");

  await page.goto("/incidents");
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText(id);
  await expect(row.getByText("SEV2", { exact: true })).toBeVisible();
});

test("invalid input is refused inline, keeps what was typed and creates nothing", async ({ page }) => {
  await signIn(page, "responder", "/incidents/new");
  const before = await newestId(page);

  await page.getByRole("radio", { name: /^SEV3/ }).check();
  await page.getByLabel("Environment").selectOption("staging");
  await page.getByLabel("Incident commander").selectOption({ label: "Sofia Lindqvist" });
  await page.getByLabel(/^Description/).fill("Search is slow for everyone.");
  const services = page.getByLabel("Affected services");
  await services.fill("Bad Slug!");
  await services.press("Enter");
  await expect(page.locator("#services-error")).toContainText("“Bad Slug!” is not a valid service slug");
  await expect(page.getByRole("list", { name: "Selected services" })).toHaveCount(0);

  await page.getByRole("button", { name: "Declare incident", exact: true }).click();
  const summary = page.getByRole("alert").filter({ hasText: "was not declared" });
  await expect(summary).toContainText("2 fields need attention");
  await expect(summary).toBeFocused();
  await expect(page.locator("#title-error")).toHaveText(
    "Give the incident a short title that says what is broken.",
  );
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-describedby", /title-error/);
  await expect(page.locator("#services-error")).toContainText("Pick at least one affected service.");
  await expect(services).toHaveAttribute("aria-invalid", "true");

  // What was typed survives React's reset of the form after the action.
  await expect(page.getByRole("radio", { name: /^SEV3/ })).toBeChecked();
  await expect(page.getByLabel("Environment")).toHaveValue("staging");
  await expect(page.getByLabel("Incident commander")).toHaveValue("user_jkl012");
  await expect(page.getByLabel(/^Description/)).toHaveValue("Search is slow for everyone.");
  await expect(services).toHaveValue("Bad Slug!");
  await page.screenshot({ path: `${SHOTS}/declare-errors.png`, fullPage: true });

  // Jumping from the summary to the field it names.
  await summary.getByRole("link", { name: "Title" }).click();
  await expect(page.getByLabel("Title")).toBeFocused();

  // A second refusal: the chosen services survive it too.
  const title = `Too short ${Date.now()}`;
  await services.fill("");
  await page.getByRole("button", { name: /Search API/ }).click();
  await page.getByLabel("Title").fill("ab");
  await page.getByRole("button", { name: "Declare incident", exact: true }).click();
  await expect(page.locator("#title-error")).toHaveText("At least 3 characters.");
  await expect(page.locator("#services-error")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Search API/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator('input[type="hidden"][name="services"]')).toHaveValue("search-api");
  await expect(page.getByLabel("Title")).toHaveValue("ab");

  expect(await newestId(page)).toBe(before);
  expect(await countByTitle(page, title)).toBe(0);
  expect(await countByTitle(page, "Search is slow")).toBe(0);
});

test("keyboard: D opens the form from the list and Ctrl+Enter declares", async ({ page }) => {
  await signIn(page, "responder");
  await expect(page.getByRole("link", { name: /Declare incident/ })).toHaveAttribute(
    "aria-keyshortcuts",
    "d",
  );
  await page.keyboard.press("d");
  await expect(page).toHaveURL(/\/incidents\/new$/);
  await expect(page.getByLabel("Title")).toBeFocused();

  const title = `Keyboard declared ${Date.now()}`;
  await page.keyboard.type(title);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: /^SEV1/ })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^SEV3/ })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/declare-keyboard-focus.png`, animations: "disabled" });
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Affected services")).toBeFocused();
  await page.keyboard.type("search-api");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Selected services" })).toContainText("search-api");
  await expect(page).toHaveURL(/\/incidents\/new$/);
  await page.keyboard.press("Control+Enter");

  await expect(page).toHaveURL(/\/incidents\/INC-\d{4}-\d{4,}$/);
  expect(await countByTitle(page, title)).toBe(1);
});

test("a viewer is not offered the form, the button or the shortcut", async ({ page }) => {
  await signIn(page, "viewer");
  await expect(page.getByRole("link", { name: /Declare incident/ })).toHaveCount(0);
  await page.keyboard.press("d");
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/incidents$/);

  await page.goto("/incidents/new");
  await expect(page.getByRole("heading", { name: "Not allowed — your role is viewer" })).toBeVisible();
  await expect(
    page.getByText("Your role (viewer) may not declare incidents; it needs responder."),
  ).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/declare-viewer.png`, fullPage: true });
});

test("the form has no serious accessibility problems, with or without errors, light, dark and narrow", async ({
  page,
}) => {
  await signIn(page, "admin", "/incidents/new");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Affected services").fill("Bad Slug!");
  await page.getByLabel("Affected services").press("Enter");
  await page.getByRole("button", { name: "Declare incident", exact: true }).click();
  await expect(page.locator("#title-error")).toBeVisible();
  await expect(page.locator("#severity-error")).toHaveText("Choose a severity.");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("tab", { name: "Preview" }).click();
  expect(await seriousViolations(page)).toEqual([]);

  // The dark palette follows the operating system's preference.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(background).not.toBe(light);
  await page.screenshot({ path: `${SHOTS}/declare-dark.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/incidents/new");
  await expect(page.getByLabel("Title")).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await page.screenshot({ path: `${SHOTS}/declare-mobile.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
});
