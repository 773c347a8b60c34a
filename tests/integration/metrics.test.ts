import { beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/api/dashboard/incidents/metrics/route";
import { getDb } from "@/db/client";
import { call, resetDatabase, responder } from "@/tests/support/harness";
import { loadMetricsFixture } from "@/tests/support/metrics-fixture";

beforeAll(async () => {
  await resetDatabase();
  await loadMetricsFixture(await getDb(), responder);
});

const get = (query: string) =>
  call(metricsRoute.GET, `/api/dashboard/incidents/metrics?${query}`, { as: "viewer" });

describe("GET /api/dashboard/incidents/metrics", () => {
  it("computes counts, MTTD/MTTA/MTTM/MTTR mean, p50, p90 and the change against the previous window", async () => {
    const res = await get("from=2026-03-01&to=2026-03-31");
    expect(res.status).toBe(200);
    const m = res.json;
    expect(m.window).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-04-01T00:00:00.000Z" });
    expect(m.previousWindow).toEqual({ from: "2026-01-29T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" });
    expect(m.incidents).toEqual({
      count: 5,
      previous: 1,
      open: 2,
      withImpactStart: 3,
      withMeasuredImpactStart: 0,
    });
    // MTTD over the known impact starts only (A, C, D: 600, 1800, 0 seconds); B and E have none and
    // are not counted as detected at once.
    expect(m.times.mttd).toMatchObject({ count: 3, mean: 800, p50: 600, p90: 1560 });
    expect(m.times.mttd.previous).toMatchObject({ count: 1, mean: 1200 });
    expect(m.times.mttd.change.mean).toBeCloseTo(-1 / 3, 10);
    // MTTA: 300, 600, 120, 1200 (nobody was paged, so declared → investigating, as MTTI is).
    expect(m.times.mtta).toMatchObject({ count: 4, mean: 555, p50: 450, p90: 1020 });
    expect(m.times.mtti).toMatchObject({ count: 4, mean: 555, p50: 450, p90: 1020 });
    // MTTM: 1800, 1200, and C skipped mitigated (resolved at +30 min): 1800.
    expect(m.times.mttm).toMatchObject({ count: 3, mean: 1600, p50: 1800, p90: 1800 });
    // MTTR: resolved only (A, B, C): 3600, 7200, 1800. Open incidents do not count.
    expect(m.times.mttr).toMatchObject({ count: 3, mean: 4200, p50: 3600, p90: 6480 });
    expect(m.times.mttr.previous).toMatchObject({ count: 1, mean: 14400, p50: 14400, p90: 14400 });
    expect(m.times.mttr.change.mean).toBeCloseTo((4200 - 14400) / 14400, 10);
  });

  it("counts incidents per week by severity, with empty weeks", async () => {
    const { json } = await get("from=2026-03-01&to=2026-03-31&interval=week");
    expect(json.frequency.buckets).toEqual([
      { start: "2026-02-23", total: 0, SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 },
      { start: "2026-03-02", total: 2, SEV1: 1, SEV2: 1, SEV3: 0, SEV4: 0 },
      { start: "2026-03-09", total: 1, SEV1: 0, SEV2: 0, SEV3: 1, SEV4: 0 },
      { start: "2026-03-16", total: 1, SEV1: 0, SEV2: 1, SEV3: 0, SEV4: 0 },
      { start: "2026-03-23", total: 1, SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 1 },
      { start: "2026-03-30", total: 0, SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 },
    ]);
    const monthly = await get("from=2026-02-01&to=2026-03-31&interval=month");
    expect(
      monthly.json.frequency.buckets.map((b: { start: string; total: number }) => [b.start, b.total]),
    ).toEqual([
      ["2026-02-01", 1],
      ["2026-03-01", 5],
    ]);
  });

  it("ranks the top services by incidents and incident minutes (open ones up to the window's end)", async () => {
    const { json } = await get("from=2026-03-01&to=2026-03-31");
    expect(json.topServices).toEqual([
      { service: "payment-service", incidents: 3, minutes: 60 + 120 + 12 * 24 * 60 },
      { service: "search-api", incidents: 2, minutes: 30 + 7 * 24 * 60 },
      { service: "checkout-api", incidents: 1, minutes: 120 },
    ]);
  });

  it("applies service, environment and severity filters", async () => {
    const service = (await get("from=2026-03-01&to=2026-03-31&service=search-api")).json;
    expect(service.incidents).toEqual({
      count: 2,
      previous: 0,
      open: 1,
      withImpactStart: 1,
      withMeasuredImpactStart: 0,
    });
    expect(service.times.mttr).toMatchObject({ count: 1, mean: 1800 });
    expect(service.times.mttr.change.mean).toBeNull();
    const sev2 = (await get("from=2026-03-01&to=2026-03-31&severity=SEV2")).json;
    expect(sev2.incidents.count).toBe(2);
    expect(sev2.times.mttr).toMatchObject({ count: 1, mean: 7200, p50: 7200 });
    const staging = (await get("from=2026-03-01&to=2026-03-31&environment=staging")).json;
    expect(staging.incidents).toMatchObject({ count: 1, open: 1 });
    expect(staging.times.mttr).toMatchObject({ count: 0, mean: null, p50: null });
  });

  it("refuses bad filters with 422 and needs a signed-in caller", async () => {
    const bad = await get("range=12d&severity=SEV9&from=2026-03-05&to=2026-03-01");
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(["range", "severity.0"]);
    const reversed = await get("from=2026-03-05&to=2026-03-01");
    expect(reversed.status).toBe(422);
    expect(reversed.json.errors[0].path).toBe("from");
    expect(
      (await call(metricsRoute.GET, "/api/dashboard/incidents/metrics", { as: "anonymous" })).status,
    ).toBe(401);
  });

  it("caps the window at 366 days, with a field error", async () => {
    expect((await get("from=2024-01-01&to=2024-12-31")).status).toBe(200); // a leap year: 366 days
    const long = await get("from=2024-01-01&to=2025-01-01");
    expect(long.status).toBe(422);
    expect(long.headers.get("content-type")).toBe("application/problem+json");
    expect(long.json.errors).toEqual([{ path: "from", message: expect.stringContaining("366 days") }]);
    // A from alone runs to now, so it is bounded too.
    const open = await get("from=2000-01-01");
    expect(open.status).toBe(422);
    expect(open.json.errors[0].path).toBe("from");
  });
});
