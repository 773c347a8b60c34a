import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as ruleItem from "@/app/api/alerts/rules/[id]/route";
import * as rulesRoute from "@/app/api/alerts/rules/route";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as linksRoute from "@/app/api/dashboard/incidents/[id]/links/route";
import * as workflowItem from "@/app/api/workflows/[id]/route";
import * as workflowsRoute from "@/app/api/workflows/route";
import * as alertsRoute from "@/app/api/alerts/route";
import { auditRows } from "@/tests/support/audit";
import { runConsumers } from "@/tests/support/consumers";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

// An alert rule's auto-create is a workflow the rule owns (issue 22, decision 0105).
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
type WorkflowJson = {
  id: string;
  name: string;
  condition: string;
  enabled: boolean;
  actions: unknown[];
  alertRuleId: string | null;
};
const workflowsJson = async () =>
  (await call(workflowsRoute.GET, "/api/workflows", { as: "viewer" })).json.items as WorkflowJson[];
const patchRule = (id: string, body: unknown) =>
  call(ruleItem.PATCH, `${RULES}/${id}`, { method: "PATCH", params: { id }, body });

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

beforeEach(async () => {
  await resetDatabase();
});

describe("the workflow an alert rule owns", () => {
  it("is created, changed, turned off and deleted with its rule only, each change audited", async () => {
    const created = await call(rulesRoute.POST, RULES, { method: "POST", body: rule });
    const ruleId = created.json.id as string;
    const [workflow] = await workflowsJson();
    expect(workflow).toMatchObject({
      name: "Alert rule: Checkout error rate",
      condition: `source = rule AND labels.rule = "${ruleId}"`,
      enabled: true,
      actions: [{ type: "create_incident", severity: "SEV2" }],
      alertRuleId: ruleId,
    });

    // Not editable on its own: the rule is its one editor.
    const params = { id: workflow.id };
    const patched = await call(workflowItem.PATCH, `/api/workflows/${workflow.id}`, {
      method: "PATCH",
      params,
      body: { enabled: false },
    });
    expect(patched.status).toBe(409);
    expect(patched.json.detail).toContain(`belongs to alert rule ${ruleId}`);
    const removed = await call(workflowItem.DELETE, `/api/workflows/${workflow.id}`, {
      method: "DELETE",
      params,
    });
    expect(removed.status).toBe(409);

    await patchRule(ruleId, { name: "Checkout 5xx", incidentSeverity: "SEV1" });
    expect((await workflowsJson())[0]).toMatchObject({
      id: workflow.id,
      name: "Alert rule: Checkout 5xx",
      actions: [{ type: "create_incident", severity: "SEV1" }],
      enabled: true,
    });
    await patchRule(ruleId, { autoCreateIncident: false, incidentSeverity: null });
    expect((await workflowsJson())[0]).toMatchObject({ id: workflow.id, enabled: false });
    // A rule with a name some person's workflow also has: names are unique among people's only.
    const personal = await call(workflowsRoute.POST, "/api/workflows", {
      method: "POST",
      body: {
        name: "Alert rule: Checkout 5xx",
        trigger: "alert_fired",
        actions: [{ type: "create_incident", severity: "SEV3" }],
      },
    });
    expect(personal.status).toBe(201);

    const deleted = await call(ruleItem.DELETE, `${RULES}/${ruleId}`, {
      method: "DELETE",
      params: { id: ruleId },
    });
    expect(deleted.status).toBe(204);
    expect((await workflowsJson()).map((w) => w.alertRuleId)).toEqual([null]);
    const workflowAudit = (await auditRows()).filter(
      (row) => row.targetType === "workflow" && row.targetId === workflow.id,
    );
    expect(workflowAudit.map((row) => row.action)).toEqual([
      "workflow.created",
      "workflow.updated",
      "workflow.disabled",
      "workflow.deleted",
    ]);
    expect(workflowAudit.every((row) => row.actorName === "test-responder")).toBe(true);
  });

  it("rules without auto-create own no workflow until it is turned on", async () => {
    const created = await call(rulesRoute.POST, RULES, {
      method: "POST",
      body: { ...rule, autoCreateIncident: false, incidentSeverity: undefined },
    });
    expect(await workflowsJson()).toEqual([]);
    await patchRule(created.json.id, { autoCreateIncident: true, incidentSeverity: "SEV3" });
    expect(await workflowsJson()).toMatchObject([
      {
        alertRuleId: created.json.id,
        enabled: true,
        actions: [{ type: "create_incident", severity: "SEV3" }],
      },
    ]);
  });

  it("does not run for another source's alert that copies the rule's label", async () => {
    const ruleId = (await call(rulesRoute.POST, RULES, { method: "POST", body: rule })).json.id as string;
    const sent = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Spoofed rule alert",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "firing",
        dedupKey: "spoof",
        labels: { rule: ruleId },
      },
    });
    expect(sent.status).toBe(201);
    await runConsumers();
    const runs = await queryRows<{ matched: boolean }>(sql`select matched from workflow_runs`);
    expect(runs).toEqual([{ matched: false }]);
    expect(await queryRows(sql`select id from incidents`)).toEqual([]);
  });
});

describe("one way to link an alert", () => {
  it("a person's link writes the same 'alert fired' entry as ingest, with what is known of the alert", async () => {
    const fired = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Checkout 5xx",
        service: "checkout-api",
        environment: "production",
        severity: "critical",
        status: "firing",
        dedupKey: "co-5xx",
        value: 0.2,
        threshold: 0.05,
      },
    });
    const alertId = fired.json.alert.id as string;
    const incident = (
      await call(incidentsRoute.POST, "/api/dashboard/incidents", {
        method: "POST",
        body: validIncident,
      })
    ).json.id as string;
    const link = (targetId: string) =>
      call(linksRoute.POST, `/api/dashboard/incidents/${incident}/links`, {
        method: "POST",
        params: { id: incident },
        body: { type: "alert", targetId },
      });
    expect((await link(alertId)).status).toBe(201);
    expect((await link(alertId)).status).toBe(409);
    // An alert of another system is linked by its id alone.
    expect((await link("pd-PX12345")).status).toBe(201);
    const entries = await queryRows<{ kind: string; data: Record<string, unknown> }>(
      sql`select kind, data from timeline_entries where incident_id = ${incident} and kind <> 'declared' order by id`,
    );
    expect(entries).toEqual([
      {
        kind: "alert_fired",
        data: { alertId, title: "Checkout 5xx", value: 0.2, threshold: 0.05, severity: "critical" },
      },
      {
        kind: "alert_fired",
        data: { alertId: "pd-PX12345", title: null, value: null, threshold: null, severity: null },
      },
    ]);
  });
});
