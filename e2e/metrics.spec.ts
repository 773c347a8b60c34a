import { expect, test } from "./support/test";
import { closeDb, getDb } from "@/db/client";
import { createUser } from "@/lib/users/create-user";
import { loadMetricsFixture } from "@/tests/support/metrics-fixture";
import { pgServers } from "./support/pg-servers";

// The metrics page on a database holding only the hand-built fixture month (tests/support), so the
// numbers on screen can be checked against figures worked out by hand.
const PORT = Number(process.env.E2E_PORT ?? 3210) + 13;
const base = `http://127.0.0.1:${PORT}`;
const cluster = pgServers([PORT]);
const admin = { email: "metrics-admin@example.com", password: "metrics-admin-password" };

test.beforeAll(async () => {
  await cluster.start();
  process.env.DATABASE_URL = cluster.databaseUrl;
  const db = await getDb();
  const system = { type: "system", name: "e2e", role: "admin" } as const;
  const user = await createUser(db, system, { ...admin, name: "Metrics Admin", role: "admin" });
  await loadMetricsFixture(db, { type: "user", userId: user.id, name: user.name, role: "responder" });
  await closeDb();
});

test.afterAll(() => cluster.stop());

test("the overview shows the fixture's MTTD/MTTA/MTTI/MTTM/MTTR, frequency and top services", async ({
  page,
}) => {
  await page.goto(
    `${base}/login?next=${encodeURIComponent("/incidents/metrics?from=2026-03-01&to=2026-03-31")}`,
  );
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Incident metrics" })).toBeVisible();
  await expect(page.getByText("2026-03-01 to 2026-03-31 (UTC)")).toBeVisible();

  // Worked out by hand in tests/integration/metrics.test.ts: MTTD 800 s over the 3 known impact starts,
  // MTTA 555 s (p50 450, p90 1020), MTTM 1600 s, MTTR 4200 s (p50 3600, p90 6480).
  await expect(page.getByTestId("mttd-mean")).toHaveText("13m 20s");
  await expect(page.getByTestId("mttd-count")).toHaveText(
    "MTTD over 3 of 5 incidents with a known impact start",
  );
  await expect(page.getByText("With a measured impact start")).toBeVisible();
  await expect(page.getByTestId("mtta-mean")).toHaveText("9m 15s");
  await expect(page.getByTestId("mtta-p50")).toHaveText("7m 30s");
  await expect(page.getByTestId("mtta-p90")).toHaveText("17m 00s");
  // Nobody in the fixture was paged: MTTA falls back to investigating, which MTTI always measures.
  await expect(page.getByRole("region", { name: "MTTI" })).toContainText(
    "Time to investigate: declared → investigating",
  );
  await expect(page.getByTestId("mtti-mean")).toHaveText("9m 15s");
  await expect(page.getByTestId("mtti-p90")).toHaveText("17m 00s");
  await expect(page.getByTestId("mttm-mean")).toHaveText("26m 40s");
  await expect(page.getByTestId("mttr-mean")).toHaveText("1h 10m");
  await expect(page.getByTestId("mttr-p50")).toHaveText("1h 00m");
  await expect(page.getByTestId("mttr-p90")).toHaveText("1h 48m");
  await expect(page.getByRole("region", { name: "MTTR" })).toContainText("▼ 71% vs previous period");

  const chart = page.getByRole("region", { name: "Incident frequency" });
  await expect(chart.locator("rect[data-severity]").first()).toBeVisible();
  await expect(chart.locator("figcaption")).toHaveText(
    "02-23: 0 (SEV1 0, SEV2 0, SEV3 0, SEV4 0); 03-02: 2 (SEV1 1, SEV2 1, SEV3 0, SEV4 0); 03-09: 1 (SEV1 0, SEV2 0, SEV3 1, SEV4 0); " +
      "03-16: 1 (SEV1 0, SEV2 1, SEV3 0, SEV4 0); 03-23: 1 (SEV1 0, SEV2 0, SEV3 0, SEV4 1); 03-30: 0 (SEV1 0, SEV2 0, SEV3 0, SEV4 0)",
  );
  const services = page.getByRole("region", { name: "Top affected services" }).locator("tbody tr");
  await expect(services).toHaveText([
    /payment-service\s*3\s*17,460/,
    /search-api\s*2\s*10,110/,
    /checkout-api\s*1\s*120/,
  ]);
  await page.screenshot({ path: "test-results/screenshots/metrics.png", fullPage: true });

  await page.getByRole("link", { name: "month" }).click();
  await expect(page).toHaveURL(/interval=month/);
  await expect(chart.locator("figcaption")).toHaveText("2026-03: 5 (SEV1 1, SEV2 2, SEV3 1, SEV4 1)");

  await page
    .getByRole("region", { name: "Top affected services" })
    .getByRole("link", { name: "search-api" })
    .click();
  await expect(page).toHaveURL(/\/incidents\?service=search-api&from=2026-03-01&to=2026-03-31/);
  await expect(page.locator("tbody tr")).toHaveCount(2);

  // A window longer than 366 days is refused where the filters are, not with an error page.
  await page.goto(`${base}/incidents/metrics?from=2024-01-01&to=2025-01-01`);
  await expect(page.getByRole("alert").filter({ hasText: "cannot be applied" })).toContainText(
    "may span at most 366 days",
  );
  await expect(page.getByTestId("mttd-mean")).toHaveCount(0);
});
