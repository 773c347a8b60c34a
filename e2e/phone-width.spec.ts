import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { navLink } from "./support/nav";
import { expect, test } from "./support/test";

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const SHOTS = "test-results/screenshots";
const MINUTE = 60_000;

/** A JSON call with the signed-in page's own session. */
async function api(page: Page, path: string, method = "GET", body?: unknown) {
  return page.evaluate(
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
}

/** Axe's serious and critical findings, here with a menu open (accessibility.spec.ts sees them closed). */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("header").analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The first link on a list page whose path matches: the detail page that list leads to. */
async function firstLink(page: Page, list: string, pattern: RegExp) {
  await page.goto(list);
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return hrefs.find((href) => pattern.test(href)) ?? null;
}

/**
 * One detail page of every kind. The demo data may lack some (no alert, workflow, policy or status
 * page yet): those are made here, named so no other spec counts them, and harmless (the workflow is
 * disabled, the alert resolved).
 */
async function detailPages(page: Page, baseURL: string) {
  const stamp = Date.now();
  const incidents = (await api(page, "/api/dashboard/incidents?limit=1")).json.items as { id: string }[];
  const incident = incidents[0].id;
  const pages = [`/incidents/${incident}`, `/incidents/${incident}/postmortem`];

  let alert = await firstLink(page, "/alerts", /^\/alerts\/(?!rules)[^/]+$/);
  if (!alert) {
    const token = await page.request.post("/api/settings/tokens", {
      data: { name: `e2e-phone-${stamp}`, role: "responder" },
      headers: { origin: baseURL },
    });
    const headers = { authorization: `Bearer ${(await token.json()).secret}` };
    const sent = {
      title: `Phone width check ${stamp}`,
      service: "analytics-pipeline",
      environment: "staging",
      severity: "warning",
      dedupKey: `e2e-phone-${stamp}`,
      startsAt: new Date(stamp - 10 * MINUTE).toISOString(),
      value: 0.2,
      threshold: 0.1,
    };
    const fired = await page.request.post("/api/alerts", { headers, data: { ...sent, status: "firing" } });
    expect(fired.status()).toBe(201);
    // Resolved straight away, so it pages nobody and no firing list counts it.
    const resolved = await page.request.post("/api/alerts", {
      headers,
      data: { ...sent, status: "resolved" },
    });
    expect(resolved.status()).toBeLessThan(300);
    alert = `/alerts/${(await fired.json()).alert.id}`;
  }
  pages.push(alert);

  let workflow = await firstLink(page, "/workflows", /^\/workflows\/[^/]+$/);
  if (!workflow) {
    const made = await api(page, "/api/workflows", "POST", {
      name: `Phone width check ${stamp}`,
      trigger: "alert_fired",
      condition: "severity = critical AND service in [analytics-pipeline]",
      actions: [{ type: "create_incident", severity: "SEV3" }],
      enabled: false,
    });
    expect(made.status).toBe(201);
    workflow = `/workflows/${made.json.id}`;
  }
  pages.push(workflow);

  let policy = await firstLink(page, "/paging/policies", /^\/paging\/policies\/[^/]+$/);
  if (!policy) {
    const made = await api(page, "/api/escalation-policies", "POST", {
      name: `Phone width check ${stamp}`,
      steps: [{ delayMinutes: 5, targets: [{ type: "oncall", service: "analytics-pipeline" }] }],
    });
    expect(made.status).toBe(201);
    policy = `/paging/policies/${made.json.id}`;
  }
  pages.push(policy);

  const statusPages = (await api(page, "/api/status-pages")).json.items as { slug: string }[];
  let slug = statusPages[0]?.slug;
  if (!slug) {
    slug = `phone-${stamp}`;
    expect((await api(page, "/api/status-pages", "POST", { name: "Phone check", slug })).status).toBe(201);
  }
  pages.push(`/status/${slug}`);

  // Error groups, releases and services have no page of their own yet: their lists filtered to one.
  const errors = (await api(page, "/api/errors?limit=1")).json?.items as { id: string; service: string }[];
  const error = await firstLink(page, "/errors", /^\/errors\/[^/]+$/);
  pages.push(error ?? `/errors?service=${errors?.[0]?.service ?? "payment-service"}`);
  const release = await firstLink(page, "/releases", /^\/releases\/[^/]+$/);
  pages.push(release ?? "/releases?service=payment-service");
  const service = await firstLink(page, "/services", /^\/services\/[^/]+$/);
  if (service) pages.push(service);
  pages.push("/incidents/metrics?service=payment-service");
  const mail = await firstLink(page, "/settings/mail", /^\/settings\/mail\/[^/]+$/);
  if (mail) pages.push(mail);
  return pages;
}

const TOP_LEVEL = [
  "/incidents",
  "/incidents/new",
  "/incidents/metrics",
  "/action-items",
  "/alerts",
  "/alerts/rules",
  "/errors",
  "/releases",
  "/services",
  "/pages",
  "/paging/policies",
  "/workflows",
  "/settings/account",
  "/settings/paging",
  "/settings/users",
  "/settings/tokens",
  "/settings/webhooks",
  "/settings/postmortems",
  "/settings/reminders",
  "/settings/mail",
  "/settings/audit",
];

test("no page scrolls sideways on a 390 px phone (as admin)", async ({ page, baseURL }) => {
  // About forty pages on two shared cores.
  test.setTimeout(240_000);
  await page.setViewportSize(PHONE);
  await signIn(page, "admin");
  const paths = [...TOP_LEVEL, ...(await detailPages(page, baseURL!))];
  const wide: Record<string, number> = {};
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide[path] = scroll;
  }
  test.info().annotations.push({ type: "walked", description: `${paths.length} pages: ${paths.join(" ")}` });
  // Every offending page with its document width, not just the first.
  expect(wide, "pages wider than the 390 px screen (path: document width)").toEqual({});
});

test("on a phone the Menu button opens the whole navigation, and its links navigate", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, "admin");
  const nav = page.getByRole("navigation", { name: "Main" });
  const header = await page.locator("header").boundingBox();
  // One row: the brand, Declare and Menu, not the links wrapped over a sixth of the screen.
  expect(header!.height).toBeLessThan(70);
  await expect(nav.getByRole("link", { name: "Errors" })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/phone-header.png` });

  const menu = nav.getByTestId("phone-menu");
  await menu.locator("summary").click();
  for (const group of ["Incidents", "Signals", "On-call", "Workflows", "Settings"])
    await expect(menu.getByRole("region", { name: group })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Sign out" })).toHaveCount(0);
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/phone-menu.png` });
  expect(await seriousViolations(page)).toEqual([]);
  // Escape closes it; it opens again.
  await page.keyboard.press("Escape");
  await expect(menu.getByRole("link", { name: "Errors" })).toBeHidden();

  await (await navLink(page, "Signals", "Errors")).click();
  await expect(page).toHaveURL(/\/errors$/);
  await expect(page.getByRole("heading", { level: 1, name: "Errors" })).toBeVisible();
  // The panel closed behind the navigation.
  await expect(menu.getByRole("link", { name: "Errors" })).toBeHidden();
});

test("at 1280 px the admin's header is one row, its menus open on click and close on Escape or outside", async ({
  page,
}) => {
  await page.setViewportSize(WIDE);
  await signIn(page, "admin");
  // One row is 57 px; a wrapped row (or a two-line Declare button) is 75 or more.
  const header = await page.locator("header").boundingBox();
  expect(header!.height).toBeLessThan(70);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByTestId("phone-menu")).toBeHidden();

  const signals = nav.locator("details").filter({ has: page.locator("summary", { hasText: "Signals" }) });
  await signals.locator("summary").click();
  await expect(signals.getByRole("link", { name: "Releases" })).toBeVisible();
  // Opening another group closes this one.
  await nav.locator("summary", { hasText: "Settings" }).click();
  await expect(signals.getByRole("link", { name: "Releases" })).toBeHidden();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/wide-header-settings.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeHidden();
  await expect(nav.locator("summary", { hasText: "Settings" })).toBeFocused();

  await nav.locator('summary[aria-label="More incident pages"]').click();
  await expect(nav.getByRole("link", { name: "Metrics" })).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(nav.getByRole("link", { name: "Metrics" })).toBeHidden();

  await (await navLink(page, "Incidents", "Metrics")).click();
  await expect(page).toHaveURL(/\/incidents\/metrics$/);
  await expect(nav.getByRole("link", { name: "Metrics" })).toBeHidden();
});

test("without JavaScript the phone's Menu still opens and its links navigate", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, "responder");
  const menu = page.getByRole("navigation", { name: "Main" }).getByTestId("phone-menu");
  await menu.locator("summary").click();
  await menu
    .getByRole("region", { name: "On-call" })
    .getByRole("link", { name: "Services and on-call" })
    .click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Services and on-call");
  await context.close();
});

test("at 768 px, the narrowest bar, the admin's header is still one row", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, "admin");
  await expect(page.getByRole("navigation", { name: "Main" }).getByTestId("phone-menu")).toBeHidden();
  expect((await page.locator("header").boundingBox())!.height).toBeLessThan(70);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  await page.screenshot({ path: `${SHOTS}/tablet-header.png` });
});
