import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as ingest from "@/app/api/ingest/metrics/route";
import { getDb } from "@/db/client";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { getIncidentHealth, MAX_POINTS } from "@/lib/telemetry/get-incident-health";
import { call, queryRows, resetDatabase, responder } from "@/tests/support/harness";

const PATH = "/api/ingest/metrics";
const point = (minutesAgo: number, extra: Record<string, unknown> = {}) => ({
  service: "payment-service",
  environment: "production",
  timestamp: new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000).toISOString(),
  errorRate: 0.01,
  latencyP95Ms: 250,
  requestRate: 100,
  ...extra,
});
const send = (body: unknown, as: "responder" | "viewer" | "anonymous" = "responder") =>
  call(ingest.POST, PATH, { method: "POST", body, as });
const stored = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from service_metrics`))[0].n);

beforeEach(async () => {
  await resetDatabase();
});

describe("POST /api/ingest/metrics", () => {
  it("stores a batch, and a replayed batch changes nothing", async () => {
    const batch = { points: [point(3), point(2), point(1), point(1, { service: "checkout-api" })] };
    const first = await send(batch);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 4, written: 4, unchanged: 0 });
    const again = await send(batch);
    expect(again.json).toEqual({ accepted: 4, written: 0, unchanged: 4 });
    expect(await stored()).toBe(4);
    const corrected = await send({ points: [point(1, { errorRate: 0.5 })] });
    expect(corrected.json).toEqual({ accepted: 1, written: 1, unchanged: 0 });
    const [row] = await queryRows<{ e: number }>(
      sql`select error_rate as e from service_metrics where service = 'payment-service' order by ts desc limit 1`,
    );
    expect(Number(row.e)).toBe(0.5);
    // A bare array is accepted as the batch too.
    expect((await send([point(9)])).json).toEqual({ accepted: 1, written: 1, unchanged: 0 });
  });

  it("rejects bad points with per-item errors and stores none of the batch", async () => {
    const res = await send({
      points: [
        point(5),
        point(4, { errorRate: 7 }),
        point(3, { timestamp: "yesterday" }),
        point(2, { service: "Bad Slug" }),
        point(1, { extra: 1 }),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "points.1.errorRate",
      "points.2.timestamp",
      "points.3.service",
      "points.4.extra",
    ]);
    const duplicate = await send({ points: [point(2), point(2)] });
    expect(duplicate.status).toBe(422);
    expect(duplicate.json.errors[0].path).toBe("points.1");
    const future = await send({ points: [point(-60)] });
    expect(future.json.errors[0]).toEqual({ path: "points.0.timestamp", message: "In the future." });
    const unknownEnv = await send({ points: [point(1, { environment: "moon" })] });
    expect(unknownEnv.status).toBe(422);
    expect(await stored()).toBe(0);
  });

  it("bounds the batch and needs a responder's API token", async () => {
    const tooMany = await send({ points: Array.from({ length: 5001 }, (_, i) => point(i + 1)) });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors[0].path).toBe("points");
    expect((await send({ points: [point(1)] }, "viewer")).status).toBe(403);
    expect((await send({ points: [point(1)] }, "anonymous")).status).toBe(401);
    expect(await stored()).toBe(0);
  });
});

describe("incident health series", () => {
  it("covers the incident window, downsampled to at most 500 points per series", async () => {
    const db = await getDb();
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 20 * 3600_000);
    const { id } = await declareIncident(
      db,
      responder,
      {
        title: "Long incident",
        severity: "SEV2",
        services: ["payment-service", "search-api"],
        environment: "production",
        impactStartedAt: new Date(start.getTime() - 30 * 60_000).toISOString(),
      },
      { now: start },
    );
    await updateIncident(
      db,
      responder,
      id,
      { status: "resolved", resolutionSummary: "done" },
      { now: new Date(start.getTime() + 12 * 3600_000) },
    );
    // 16 hours of minutes for payment-service: 960 points; search-api sends nothing.
    const from = start.getTime() - 2 * 3600_000;
    const points = Array.from({ length: 960 }, (_, i) => ({
      ...point(0),
      timestamp: new Date(from + i * 60_000).toISOString(),
      errorRate: i % 2 ? 0.1 : 0.3,
      latencyP95Ms: i,
    }));
    expect((await send({ points })).status).toBe(200);

    const health = await getIncidentHealth(db, responder, await getIncident(db, responder, id));
    // Window: 30 min before impact … 12 h later; padded by a tenth (73 min) each side → 15 h 06 min.
    expect(health.to - health.from).toBe((12 * 60 + 30 + 2 * 75) * 60_000);
    expect(health.bucketMinutes).toBe(2);
    const payment = health.services.find((s) => s.service === "payment-service")!;
    expect(payment.points.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(payment.points.length).toBeGreaterThan(400);
    // Buckets start at the window's start (point 15, 105 min before declaration): each holds points
    // 15+2k and 16+2k, so it averages one 0.1 and one 0.3 minute and keeps the later, worse latency.
    const middle = payment.points[200];
    expect(middle.errorRate).toBeCloseTo(0.2, 10);
    expect(middle.latencyP95Ms).toBe(16 + 2 * 200);
    expect(middle.t).toBe(health.from + 200 * 2 * 60_000);
    expect(health.services.find((s) => s.service === "search-api")!.points).toEqual([]);
    expect(health.markers.map((m) => m.label)).toEqual([
      "declared",
      "investigating",
      "mitigated",
      "resolved",
    ]);
  });
});
