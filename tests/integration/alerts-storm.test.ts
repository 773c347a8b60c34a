import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as incidentItem from "@/app/api/dashboard/incidents/[id]/route";
import * as pagerduty from "@/app/api/integrations/pagerduty/v2/enqueue/route";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { ingestAlert } from "@/lib/alerts/ingest-alert";
import type { NormalizedAlert } from "@/lib/alerts/schemas";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, tokens } from "@/tests/support/harness";

// All requests of a storm are started at once (Promise.all). On PostgreSQL they overlap on the
// 10-connection pool; on PGlite they queue on its one connection.
const PD = "/api/integrations/pagerduty/v2/enqueue";
const trigger = (dedupKey: string, i: number) => ({
  routing_key: tokens.responder,
  event_action: "trigger",
  dedup_key: dedupKey,
  payload: {
    summary: `Checkout errors (${dedupKey})`,
    source: "storm",
    severity: "critical",
    component: "checkout-api",
    custom_details: { n: i },
  },
});
const system: Actor = { type: "system", name: "rule:Checkout errors", role: "responder" };
const ruleAlert = (over: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  source: "rule",
  action: "fire",
  dedupKey: "rule:storm",
  title: "Checkout error rate above 5%",
  service: "checkout-api",
  environment: "production",
  severity: "critical",
  labels: {},
  annotations: {},
  value: 0.2,
  threshold: 0.05,
  startsAt: new Date(Date.now() - 10 * 60_000),
  endsAt: null,
  generatorUrl: null,
  ruleId: null,
  ...over,
});

/** A rule that auto-creates SEV2 incidents, and a firing of it as the evaluator would send it. */
async function autoCreatingRule() {
  const { createAlertRule } = await import("@/lib/alerts/alert-rules");
  const rule = await createAlertRule(await getDb(), system, {
    name: "Checkout errors",
    service: "checkout-api",
    environment: "production",
    metric: "error_rate",
    comparator: ">",
    threshold: 0.05,
    forSeconds: 60,
    severity: "critical",
    autoCreateIncident: true,
    incidentSeverity: "SEV2",
  });
  return (over: Partial<NormalizedAlert> = {}) =>
    ruleAlert({ dedupKey: `rule:${rule.id}`, ruleId: rule.id, labels: { rule: rule.id }, ...over });
}
// A thousand requests on a shared 2-core machine can take minutes; this is a limit, not a measurement.
const STORM = { timeout: 600_000 };
const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(query))[0].n;

beforeEach(async () => {
  await resetDatabase();
}, STORM.timeout);

describe("alert storms", () => {
  it("1,000 concurrent PagerDuty triggers of one key → one alert counting 1,000 firings", STORM, async () => {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        call(pagerduty.POST, PD, { method: "POST", body: trigger("storm-1", i), as: "anonymous" }),
      ),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(1000);
    const rows = await queryRows<{ fire_count: number; status: string }>(
      sql`select fire_count, status from alerts`,
    );
    expect(rows).toEqual([{ fire_count: 1000, status: "firing" }]);
    expect(await count(sql`select count(*)::int as n from alert_events where kind = 'fired'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from alert_events where kind = 'repeated'`)).toBe(999);
  });

  it("1,000 firings over 10 keys → 10 alerts", STORM, async () => {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        call(pagerduty.POST, PD, { method: "POST", body: trigger(`key-${i % 10}`, i), as: "anonymous" }),
      ),
    );
    expect(answers.every((a) => a.status === 202)).toBe(true);
    const rows = await queryRows<{ dedup_key: string; fire_count: number }>(
      sql`select dedup_key, fire_count from alerts order by dedup_key`,
    );
    expect(rows).toEqual(Array.from({ length: 10 }, (_, k) => ({ dedup_key: `key-${k}`, fire_count: 100 })));
  });

  it(
    "1,000 concurrent firings asking for an incident → one alert, one incident, linked once",
    STORM,
    async () => {
      const db = await getDb();
      const firing = await autoCreatingRule();
      const results = await Promise.all(
        Array.from({ length: 1000 }, () => ingestAlert(db, system, firing())),
      );
      expect(new Set(results.map((r) => r.alert!.id)).size).toBe(1);
      // The rule's workflow declares from the one "alert fired" event, after the firings commit.
      await runConsumers();
      const [{ id: incidentId }] = await queryRows<{ id: string }>(sql`select id from incidents`);
      expect(incidentId).toMatch(/^INC-\d{4}-0001$/);
      expect((await ingestAlert(db, system, firing())).incidentId).toBe(incidentId);
      expect(await count(sql`select count(*)::int as n from alerts`)).toBe(1);
      expect(await count(sql`select count(*)::int as n from incidents`)).toBe(1);
      expect(await count(sql`select count(*)::int as n from incident_links where type = 'alert'`)).toBe(1);
      const [incident] = await queryRows<{
        source: string;
        severity: string;
        impact_started_at: Date | string;
      }>(sql`select source, severity, impact_started_at from incidents`);
      expect(incident.source).toBe("alert");
      expect(incident.severity).toBe("SEV2");
      // The impact started when the breach did, not when the incident was declared.
      expect(new Date(incident.impact_started_at).getTime()).toBe(results[0].alert!.startsAt.getTime());
    },
  );
});

describe("alerts and incidents", () => {
  it("links a new firing of the key to the open incident and never declares a second one", async () => {
    const db = await getDb();
    const firing = await autoCreatingRule();
    const first = await ingestAlert(db, system, firing());
    await runConsumers();
    const [{ id: incidentId }] = await queryRows<{ id: string }>(sql`select id from incidents`);
    await ingestAlert(db, system, firing({ action: "resolve" }));
    const second = await ingestAlert(db, system, firing({ startsAt: new Date() }));
    expect(second.outcome).toBe("created");
    expect(second.alert!.id).not.toBe(first.alert!.id);
    expect(second.incidentId).toBe(incidentId);
    await runConsumers();
    expect(await count(sql`select count(*)::int as n from incidents`)).toBe(1);
    const runs = await queryRows<{ action_results: { status: string; detail: string }[] }>(
      sql`select action_results from workflow_runs order by id`,
    );
    expect(runs.map((r) => r.action_results[0].status)).toEqual(["ok", "skipped"]);
    expect(runs[1].action_results[0].detail).toBe(
      `alert ${second.alert!.id} is already linked to ${incidentId}.`,
    );
    const links = await queryRows<{ target_id: string }>(
      sql`select target_id from incident_links order by id`,
    );
    expect(links.map((l) => l.target_id)).toEqual([first.alert!.id, second.alert!.id]);
  });

  it("writes 'alert resolved' on every open incident linked to the alert, and on no resolved one", async () => {
    const fired = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Checkout 5xx",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "firing",
        dedupKey: "co-5xx",
      },
    });
    const alertId = fired.json.alert.id as string;
    const db = await getDb();
    const declare = async (title: string) => {
      const { declareIncident } = await import("@/lib/incidents/declare-incident");
      const { addLink } = await import("@/lib/incidents/add-link");
      const incident = await declareIncident(db, system, {
        title,
        severity: "SEV2",
        services: ["checkout-api"],
        environment: "production",
      });
      await addLink(db, system, incident.id, { type: "alert", targetId: alertId });
      return incident.id;
    };
    const openA = await declare("Checkout failing");
    const openB = await declare("Payments degraded");
    const closed = await declare("Old checkout incident");
    const patch = await call(incidentItem.PATCH, `/api/dashboard/incidents/${closed}`, {
      method: "PATCH",
      params: { id: closed },
      body: { status: "resolved", resolutionSummary: "Unrelated, closed" },
    });
    expect(patch.status).toBe(200);

    const resolved = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Checkout 5xx",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "resolved",
        dedupKey: "co-5xx",
      },
    });
    expect(resolved.json.outcome).toBe("resolved");
    const entries = await queryRows<{ incident_id: string; data: { alertId: string } }>(
      sql`select incident_id, data from timeline_entries where kind = 'alert_resolved' order by incident_id`,
    );
    expect(entries.map((e) => e.incident_id)).toEqual([openA, openB].sort());
    expect(entries.every((e) => e.data.alertId === alertId)).toBe(true);

    // Sent again: nothing new anywhere.
    await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Checkout 5xx",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "resolved",
        dedupKey: "co-5xx",
      },
    });
    expect(
      await count(sql`select count(*)::int as n from timeline_entries where kind = 'alert_resolved'`),
    ).toBe(2);
  });

  it("declares from an alert page: the incident and its link commit together; an unknown alert stores nothing", async () => {
    const db = await getDb();
    const { declareIncidentFromAlert, declareQueryFor } = await import("@/lib/alerts/declare-from-alert");
    const fired = await ingestAlert(db, system, ruleAlert({ severity: "warning" }));
    const query = new URLSearchParams(declareQueryFor(fired.alert!));
    expect(Object.fromEntries(query)).toMatchObject({
      alert: fired.alert!.id,
      severity: "SEV3",
      service: "checkout-api",
      environment: "production",
    });
    const input = {
      title: query.get("title")!,
      severity: query.get("severity")!,
      services: [query.get("service")!],
      environment: query.get("environment")!,
    };

    await expect(declareIncidentFromAlert(db, system, input, "alt_doesnotexist")).rejects.toMatchObject({
      code: "validation",
    });
    expect(await count(sql`select count(*)::int as n from incidents`)).toBe(0);

    const incident = await declareIncidentFromAlert(db, system, input, fired.alert!.id);
    const links = await queryRows<{ incident_id: string; target_id: string }>(
      sql`select incident_id, target_id from incident_links`,
    );
    expect(links).toEqual([{ incident_id: incident.id, target_id: fired.alert!.id }]);
    // From now on the key's firings belong to this incident.
    expect((await ingestAlert(db, system, ruleAlert())).incidentId).toBe(incident.id);
  });
});
