import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import * as ruleItem from "@/app/api/alerts/rules/[id]/route";
import { getDb } from "@/db/client";
import { serviceMetrics } from "@/db/core-schema";
import { evaluateAlertRules } from "@/lib/alerts/evaluate-alert-rules";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";

const RULES = "/api/alerts/rules";
const rule = {
  name: "Checkout error rate",
  service: "checkout-api",
  environment: "production",
  metric: "error_rate",
  comparator: ">",
  threshold: 0.05,
  forSeconds: 180,
  severity: "critical",
  autoCreateIncident: true,
  incidentSeverity: "SEV2",
};
const t0 = new Date("2026-03-15T14:00:00Z");
const at = (minute: number) => new Date(t0.getTime() + minute * 60_000);

/** Writes the error rate of one minute, as /api/ingest/metrics would store it. */
async function point(minute: number, errorRate: number) {
  const db = await getDb();
  await db.insert(serviceMetrics).values({
    service: "checkout-api",
    environment: "production",
    ts: at(minute),
    errorRate,
    latencyP95Ms: 120,
    requestRate: 50,
  });
}

/** One value per minute, the evaluator run right after each; returns what fired and resolved when. */
async function replay(values: (number | null)[], from = 0) {
  const log: string[] = [];
  for (const [i, value] of values.entries()) {
    const minute = from + i;
    if (value !== null) await point(minute, value);
    const summary = await evaluateAlertRules(await getDb(), new Date(at(minute).getTime() + 30_000));
    expect(summary.failed).toEqual([]);
    // The workers' share: the rule's auto-create workflow runs from the "alert fired" event.
    await runConsumers();
    log.push(
      ...summary.fired.map(() => `${minute}:fire`),
      ...summary.resolved.map(() => `${minute}:resolve`),
    );
  }
  return log;
}
const alertRows = () =>
  queryRows<{
    id: string;
    status: string;
    source: string;
    starts_at: Date | string;
    ends_at: Date | string | null;
    fire_count: number;
    rule_id: string | null;
  }>(sql`select * from alerts order by starts_at`);
const incidentRows = () =>
  queryRows<{
    id: string;
    source: string;
    severity: string;
    impact_started_at: Date | string;
    impact_start_source: string;
  }>(sql`select * from incidents order by id`);

// The first PGlite transaction of a file can take tens of seconds on a loaded 2-core machine (WASM
// compiled on first use); these are limits, not measurements.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("alert rules API", () => {
  it("creates, reads, edits (If-Match), disables and deletes a rule", async () => {
    const created = await call(rulesRoute.POST, RULES, { method: "POST", body: rule });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({
      ...rule,
      enabled: true,
      state: "ok",
      version: 1,
      createdBy: "token:test-responder",
    });
    expect((await call(rulesRoute.GET, RULES, { as: "viewer" })).json.items).toHaveLength(1);
    expect(
      (await call(ruleItem.GET, `${RULES}/${id}`, { params: { id }, as: "viewer" })).headers.get("etag"),
    ).toBe('"1"');

    const patched = await call(ruleItem.PATCH, `${RULES}/${id}`, {
      method: "PATCH",
      params: { id },
      body: { threshold: 0.1 },
      headers: { "if-match": '"1"' },
    });
    expect(patched.json).toMatchObject({ threshold: 0.1, version: 2 });
    const stale = await call(ruleItem.PATCH, `${RULES}/${id}`, {
      method: "PATCH",
      params: { id },
      body: { enabled: false },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    const disabled = await call(ruleItem.PATCH, `${RULES}/${id}`, {
      method: "PATCH",
      params: { id },
      body: { enabled: false },
    });
    expect(disabled.json.enabled).toBe(false);
    expect((await call(ruleItem.DELETE, `${RULES}/${id}`, { method: "DELETE", params: { id } })).status).toBe(
      204,
    );
    expect((await call(ruleItem.GET, `${RULES}/${id}`, { params: { id } })).status).toBe(404);
  });

  it("refuses invalid rules with field errors", async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ ...rule, metric: "cpu" }, "metric"],
      [{ ...rule, comparator: "==" }, "comparator"],
      [{ ...rule, incidentSeverity: undefined }, "incidentSeverity"],
      [{ ...rule, environment: "moon" }, "environment"],
      [{ ...rule, forSeconds: -1 }, "forSeconds"],
      [{ ...rule, owner: "me" }, "owner"],
    ];
    for (const [body, path] of bad) {
      const res = await call(rulesRoute.POST, RULES, { method: "POST", body });
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const notANumber = await call(rulesRoute.POST, RULES, {
      method: "POST",
      body: { ...rule, threshold: "abc" },
    });
    expect(notANumber.json.errors).toEqual([{ path: "threshold", message: "Give a number, such as 0.05." }]);
    expect((await call(rulesRoute.POST, RULES, { method: "POST", body: rule, as: "viewer" })).status).toBe(
      403,
    );
    const id = (
      await call(rulesRoute.POST, RULES, {
        method: "POST",
        body: { ...rule, autoCreateIncident: false, incidentSeverity: undefined },
      })
    ).json.id;
    const res = await call(ruleItem.PATCH, `${RULES}/${id}`, {
      method: "PATCH",
      params: { id },
      body: { autoCreateIncident: true },
    });
    expect(res.status).toBe(422);
    expect(await queryRows(sql`select * from alert_rules where auto_create_incident`)).toEqual([]);
  });
});

describe("evaluateAlertRules (fake clock)", () => {
  it("fires after 'for', declares one incident from the breach start, resolves on recovery", async () => {
    await call(rulesRoute.POST, RULES, { method: "POST", body: rule });
    const log = await replay([0.01, 0.1, 0.1, 0.1, 0.12, 0.11, 0.01, 0.01, 0.01, 0.01]);
    expect(log).toEqual(["4:fire", "9:resolve"]);

    const [alert] = await alertRows();
    expect(alert).toMatchObject({ status: "resolved", source: "rule", fire_count: 2 });
    expect(new Date(alert.starts_at).toISOString()).toBe(new Date(at(1).getTime() + 30_000).toISOString());
    const incidents = await incidentRows();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ source: "alert", severity: "SEV2" });
    expect(new Date(incidents[0].impact_started_at).getTime()).toBe(new Date(alert.starts_at).getTime());
    // Born from the rule: the impact start is the measured first breach, and says so.
    expect(incidents[0].impact_start_source).toBe("alert");
    const kinds = await queryRows<{ kind: string }>(
      sql`select kind from timeline_entries where incident_id = ${incidents[0].id} order by id`,
    );
    // Declared by the rule's workflow: its link, then the workflow's own note, then the recovery.
    expect(kinds.map((k) => k.kind)).toEqual(["declared", "alert_fired", "action", "alert_resolved"]);
  });

  it("does not flap while the value hovers at the threshold", async () => {
    await call(rulesRoute.POST, RULES, {
      method: "POST",
      body: { ...rule, autoCreateIncident: false, incidentSeverity: undefined },
    });
    const hover = Array.from({ length: 12 }, (_, i) => (i % 2 ? 0.051 : 0.049));
    expect(await replay(hover)).toEqual([]);
    expect(await replay([0.2, 0.2, 0.2, 0.2, ...hover], 20)).toEqual(["23:fire"]);
    const alerts = await alertRows();
    expect(alerts.map((a) => a.status)).toEqual(["firing"]);
  });

  it("resolves the firing alert when the rule is disabled, and skips disabled rules", async () => {
    const id = (
      await call(rulesRoute.POST, RULES, {
        method: "POST",
        body: { ...rule, forSeconds: 0, autoCreateIncident: false, incidentSeverity: undefined },
      })
    ).json.id;
    expect(await replay([0.3])).toEqual(["0:fire"]);
    await call(ruleItem.PATCH, `${RULES}/${id}`, {
      method: "PATCH",
      params: { id },
      body: { enabled: false },
    });
    const [alert] = await alertRows();
    expect(alert.status).toBe("resolved");
    expect(await replay([0.3, 0.3], 1)).toEqual([]);
    expect(await alertRows()).toHaveLength(1);
  });
});
