import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import { getDb } from "@/db/client";
import { acceptAlertImpactStart } from "@/lib/alerts/accept-alert-impact-start";
import { declareIncidentFromAlert } from "@/lib/alerts/declare-from-alert";
import { listIncidentAlerts, suggestFromAlerts } from "@/lib/alerts/incident-alerts";
import { DomainError } from "@/lib/errors";
import { addLink } from "@/lib/incidents/add-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import { updateIncident } from "@/lib/incidents/update-incident";
import { getIncidentMetrics } from "@/lib/metrics/get-incident-metrics";
import { call, queryRows, resetDatabase, responder, validIncident, viewer } from "@/tests/support/harness";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
const nativeAlert = (dedupKey: string, startsAt: Date, extra: Record<string, unknown> = {}) => ({
  title: `Checkout 5xx (${dedupKey})`,
  service: "checkout-api",
  environment: "production",
  severity: "critical",
  status: "firing",
  dedupKey,
  startsAt: startsAt.toISOString(),
  ...extra,
});

async function fireAlert(dedupKey: string, startsAt: Date) {
  const res = await call(alertsRoute.POST, "/api/alerts", {
    method: "POST",
    body: nativeAlert(dedupKey, startsAt),
  });
  expect(res.status).toBe(201);
  return res.json.alert.id as string;
}
async function resolveAlert(dedupKey: string, startsAt: Date) {
  const res = await call(alertsRoute.POST, "/api/alerts", {
    method: "POST",
    body: nativeAlert(dedupKey, startsAt, { status: "resolved" }),
  });
  expect(res.json.outcome).toBe("resolved");
}
/** An incident whose reported impact started `minutes` ago, with the given alerts linked by hand. */
async function incidentWith(minutes: number, alertIds: string[]) {
  const db = await getDb();
  const incident = await declareIncident(db, responder, {
    ...validIncident,
    impactStartedAt: ago(minutes).toISOString(),
  });
  for (const targetId of alertIds) await addLink(db, responder, incident.id, { type: "alert", targetId });
  return incident.id;
}
async function suggestions(incidentId: string) {
  const db = await getDb();
  return suggestFromAlerts(
    await getIncident(db, viewer, incidentId),
    await listIncidentAlerts(db, viewer, incidentId),
  );
}

beforeEach(async () => {
  await resetDatabase();
});

describe("measured impact start from linked alerts", () => {
  it("offers the first breach when earlier, accepts it in one step as source 'alert', then stops offering it", async () => {
    const early = ago(45);
    const a = await fireAlert("k-early", early);
    const b = await fireAlert("k-late", ago(20));
    const id = await incidentWith(30, [b, a, "alt_not_an_alert"]);

    const linked = await listIncidentAlerts(await getDb(), viewer, id);
    expect(linked.map((l) => l.id)).toEqual([a, b]);
    expect((await suggestions(id)).impactStart?.toISOString()).toBe(early.toISOString());

    const before = await getIncident(await getDb(), viewer, id);
    const after = await acceptAlertImpactStart(await getDb(), responder, id, {
      expectedVersion: before.version,
    });
    expect(after.impactStartedAt.toISOString()).toBe(early.toISOString());
    expect(after).toMatchObject({
      impactStartSource: "alert",
      impactStartKnown: true,
      version: before.version + 1,
    });
    const entries = await queryRows<{ kind: string; data: { to: string; source: string } }>(
      sql`select kind, data from timeline_entries where incident_id = ${id} and kind = 'impact_start_changed'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].data).toMatchObject({ to: early.toISOString(), source: "alert" });
    expect((await suggestions(id)).impactStart).toBeNull();

    const metrics = await getIncidentMetrics(await getDb(), viewer, {});
    expect(metrics.incidents).toMatchObject({ count: 1, withImpactStart: 1, withMeasuredImpactStart: 1 });
  });

  it("offers nothing when the alerts started after the impact start on record", async () => {
    const id = await incidentWith(60, [await fireAlert("k", ago(10))]);
    expect((await suggestions(id)).impactStart).toBeNull();
  });

  it("refuses to accept with no linked alert, and changes nothing", async () => {
    const id = await incidentWith(30, ["alt_not_an_alert"]);
    const before = await getIncident(await getDb(), viewer, id);
    const error = await acceptAlertImpactStart(await getDb(), responder, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("conflict");
    const after = await getIncident(await getDb(), viewer, id);
    expect(after).toMatchObject({
      version: before.version,
      impactStartSource: "reported",
      impactStartedAt: before.impactStartedAt,
    });
  });

  it("a viewer cannot accept it", async () => {
    const id = await incidentWith(30, [await fireAlert("k", ago(45))]);
    await expect(acceptAlertImpactStart(await getDb(), viewer, id)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("declare from an alert page", () => {
  it("keeps the offered start (to the minute) as the alert's exact first breach, marked measured; a changed one is reported", async () => {
    const startsAt = new Date(Math.floor(ago(30).getTime() / MINUTE) * MINUTE + 42_000);
    const alertId = await fireAlert("k-page", startsAt);
    const offered = `${startsAt.toISOString().slice(0, 16)}:00Z`;
    const measured = await declareIncidentFromAlert(
      await getDb(),
      responder,
      { ...validIncident, impactStartedAt: offered },
      alertId,
      { source: "dashboard" },
    );
    expect(measured).toMatchObject({ impactStartSource: "alert", impactStartKnown: true });
    expect(measured.impactStartedAt.toISOString()).toBe(startsAt.toISOString());
    expect((await suggestions(measured.id)).impactStart).toBeNull();

    await resolveAlert("k-page", startsAt);
    const other = await fireAlert("k-page-2", startsAt);
    const edited = new Date(startsAt.getTime() + 5 * MINUTE).toISOString();
    const reported = await declareIncidentFromAlert(
      await getDb(),
      responder,
      { ...validIncident, impactStartedAt: edited },
      other,
      { source: "dashboard" },
    );
    expect(reported).toMatchObject({ impactStartSource: "reported" });
    expect(reported.impactStartedAt.toISOString()).toBe(edited);
    expect((await suggestions(reported.id)).impactStart?.toISOString()).toBe(startsAt.toISOString());
  });
});

describe("Mitigated suggestion when every linked alert resolved", () => {
  it("suggests only once all linked alerts resolved, with their titles, and never moves the incident", async () => {
    const start = ago(20);
    const a = await fireAlert("k-a", start);
    const b = await fireAlert("k-b", start);
    const id = await incidentWith(30, [a, b]);
    expect((await suggestions(id)).mitigate).toBeNull();

    await resolveAlert("k-a", start);
    expect((await suggestions(id)).mitigate).toBeNull();

    await resolveAlert("k-b", start);
    const { mitigate } = await suggestions(id);
    expect(mitigate?.summary).toBe("All linked alerts resolved: Checkout 5xx (k-a); Checkout 5xx (k-b).");
    expect((await getIncident(await getDb(), viewer, id)).status).toBe("declared");

    await updateIncident(await getDb(), responder, id, { status: "investigating" });
    expect((await suggestions(id)).mitigate).not.toBeNull();
    await updateIncident(await getDb(), responder, id, {
      status: "mitigated",
      mitigationSummary: mitigate!.summary,
    });
    expect((await suggestions(id)).mitigate).toBeNull();
  });

  it("suggests nothing for an incident without linked alerts", async () => {
    const id = await incidentWith(30, []);
    expect(await suggestions(id)).toEqual({ mitigate: null, impactStart: null });
  });
});
