import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/workflows/route";
import * as item from "@/app/api/workflows/[id]/route";
import * as runs from "@/app/api/workflows/[id]/runs/route";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import type { Db } from "@/db/client";
import { runWorkflowsForEvent } from "@/lib/workflows/run-workflows-for-event";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const SEED_CONDITION = "severity = critical AND service in [payment-service, checkout-api]";
const seedWorkflow = {
  name: "Critical payments alerts",
  trigger: "alert_fired",
  condition: SEED_CONDITION,
  actions: [{ type: "create_incident", severity: "SEV1" }],
};

let db: Db;
let n = 0;
const alertEvent = (subject: Record<string, unknown>) => {
  n++;
  return {
    id: `alert_fired:alrt_${n}`,
    trigger: "alert_fired",
    subject: {
      environment: "production",
      source: "alertmanager",
      title: `High error rate ${n}`,
      labels: {},
      alertId: `alrt_${n}`,
      dedupKey: `dk_${n}`,
      ...subject,
    },
  };
};
const create = async (body: unknown, as: "responder" | "admin" | "viewer" = "responder") =>
  call(collection.POST, "/api/workflows", { method: "POST", body, as });
const runLog = async (id: string) =>
  (await call(runs.GET, `/api/workflows/${id}/runs`, { params: { id } })).json.items as {
    matched: boolean;
    reason: string;
    eventKey: string;
    actionResults: { type: string; status: string; detail: string }[];
    incidentId: string | null;
  }[];
const incidentRows = () =>
  queryRows<{ id: string; severity: string; source: string; title: string; declared_by: string }>(
    sql`select id, severity, source, title, declared_by from incidents order by id`,
  );

beforeEach(async () => {
  db = await resetDatabase();
  n = 0;
});

describe("the seed's workflow", () => {
  it("declares a SEV1 for critical alerts of payment-service and checkout-api, linked, with a timeline naming the workflow", async () => {
    const created = await create(seedWorkflow);
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/workflows/${created.json.id}`);
    expect(created.json).toMatchObject({
      name: seedWorkflow.name,
      trigger: "alert_fired",
      condition: SEED_CONDITION,
      enabled: true,
      version: 1,
    });

    const payment = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "payment-service", title: "Payment error rate above 5%" }),
    );
    const checkout = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "checkout-api" }),
    );
    expect(payment).toMatchObject([
      { replayed: false, matched: true, actionResults: [{ type: "create_incident", status: "ok" }] },
    ]);
    expect(checkout).toMatchObject([{ replayed: false, matched: true }]);

    const rows = await incidentRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      severity: "SEV1",
      source: "alert",
      title: "Payment error rate above 5%",
      declared_by: "workflow:Critical payments alerts",
    });
    const id = rows[0].id;
    const links = await queryRows<{ type: string; target_id: string }>(
      sql`select type, target_id from incident_links where incident_id = ${id}`,
    );
    expect(links).toEqual([{ type: "alert", target_id: "alrt_1" }]);
    const entries = await queryRows<{ kind: string; actor: string; message: string | null }>(
      sql`select kind, actor, message from timeline_entries where incident_id = ${id} order by id`,
    );
    expect(entries.map((e) => e.kind)).toEqual(["declared", "alert_fired", "action"]);
    expect(entries[2]).toEqual({
      kind: "action",
      actor: "workflow:Critical payments alerts",
      message: "Declared by workflow **Critical payments alerts** on alert_fired (alert alrt_1).",
    });

    // The workflow-born incidents are in the incident list like any other.
    const listed = await call(incidentsRoute.GET, "/api/dashboard/incidents?limit=10");
    expect(
      listed.json.items.map((i: { id: string; severity: string; title: string }) => [
        i.id,
        i.severity,
        i.title,
      ]),
    ).toEqual([
      [rows[1].id, "SEV1", "High error rate 2"],
      [rows[0].id, "SEV1", "Payment error rate above 5%"],
    ]);
  });

  it("does not match warning alerts or other services, and records why", async () => {
    const { json: workflow } = await create(seedWorkflow);
    await runWorkflowsForEvent(db, alertEvent({ severity: "warning", service: "payment-service" }));
    await runWorkflowsForEvent(db, alertEvent({ severity: "critical", service: "search-api" }));
    await runWorkflowsForEvent(db, alertEvent({ severity: "critical" }));
    expect(await incidentRows()).toEqual([]);
    const log = await runLog(workflow.id);
    expect(log.map((r) => [r.eventKey, r.matched, r.actionResults.length])).toEqual([
      ["alert_fired:alrt_3", false, 0],
      ["alert_fired:alrt_2", false, 0],
      ["alert_fired:alrt_1", false, 0],
    ]);
    expect(log[0].reason).toBe(`Condition not met: ${SEED_CONDITION}`);
    const listed = (await call(collection.GET, "/api/workflows", { as: "viewer" })).json.items;
    expect(listed).toMatchObject([{ id: workflow.id, lastRun: { matched: false } }]);
  });

  it("runs nothing for other triggers or a disabled workflow", async () => {
    const { json: workflow } = await create(seedWorkflow);
    expect(
      await runWorkflowsForEvent(db, {
        ...alertEvent({ severity: "critical", service: "payment-service" }),
        trigger: "alert_resolved",
      }),
    ).toEqual([]);
    const disabled = await call(item.PATCH, `/api/workflows/${workflow.id}`, {
      method: "PATCH",
      body: { enabled: false },
      params: { id: workflow.id },
    });
    expect(disabled.json).toMatchObject({ enabled: false, version: 2 });
    expect(
      await runWorkflowsForEvent(db, alertEvent({ severity: "critical", service: "payment-service" })),
    ).toEqual([]);
    expect(await incidentRows()).toEqual([]);
  });
});

describe("idempotency per (workflow, event)", () => {
  it("a replayed event runs the actions once: one incident, one run", async () => {
    const { json: workflow } = await create(seedWorkflow);
    const event = alertEvent({ severity: "critical", service: "payment-service" });
    const first = await runWorkflowsForEvent(db, event);
    const again = await runWorkflowsForEvent(db, event);
    const concurrent = await Promise.all([runWorkflowsForEvent(db, event), runWorkflowsForEvent(db, event)]);
    expect(first).toMatchObject([{ replayed: false, matched: true }]);
    expect(again).toEqual([{ workflowId: workflow.id, name: workflow.name, replayed: true }]);
    expect(concurrent.flat().every((o) => o.replayed)).toBe(true);
    expect(await incidentRows()).toHaveLength(1);
    expect(await runLog(workflow.id)).toHaveLength(1);

    // Two deliveries of a new event at the same moment: the claim lets exactly one run.
    const fresh = alertEvent({ severity: "critical", service: "checkout-api" });
    const racing = (
      await Promise.all([runWorkflowsForEvent(db, fresh), runWorkflowsForEvent(db, fresh)])
    ).flat();
    expect(racing.map((o) => o.replayed).sort()).toEqual([false, true]);
    expect(await incidentRows()).toHaveLength(2);
    expect(await runLog(workflow.id)).toHaveLength(2);
  });
});

describe("conditions with OR, NOT and labels; chained actions", () => {
  it("matches by label, links to the open incident of the service, assigns the on-call and posts an update", async () => {
    await queryRows(sql`insert into services (slug, name) values ('search-api', 'Search API')`);
    const declared = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, services: ["search-api"] },
    });
    expect(declared.status).toBe(201);
    // The rotation starts after the declaration, so the incident has no commander until the workflow asks.
    await queryRows(
      sql`insert into service_oncall (service_slug, handoff_hours, starts_at, updated_by, updated_at) values ('search-api', 24, now() - interval '1 hour', 'test', now())`,
    );
    await queryRows(
      sql`insert into oncall_rotation_members (service_slug, position, user_id) values ('search-api', 0, 'user_def456')`,
    );
    const { json: workflow, status } = await create({
      name: "Team search follow-up",
      trigger: "alert_fired",
      condition: "(labels.team = search OR service = checkout-api) AND NOT environment in [staging]",
      actions: [
        { type: "link_to_open_incident" },
        { type: "assign_commander", userId: "on-call" },
        { type: "post_timeline_update", message: "Another alert for this incident." },
      ],
    });
    expect(status).toBe(201);

    const staging = await runWorkflowsForEvent(
      db,
      alertEvent({
        severity: "warning",
        service: "search-api",
        environment: "staging",
        labels: { team: "search" },
      }),
    );
    expect(staging).toMatchObject([{ matched: false }]);
    const other = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "warning", service: "search-api", labels: { team: "ads" } }),
    );
    expect(other).toMatchObject([{ matched: false }]);
    const [run] = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "warning", service: "search-api", labels: { team: "search" } }),
    );
    expect(run).toMatchObject({
      matched: true,
      incidentId: declared.json.id,
      actionResults: [
        {
          type: "link_to_open_incident",
          status: "ok",
          detail: `linked alert alrt_3 to ${declared.json.id} (same service search-api)`,
        },
        {
          type: "assign_commander",
          status: "ok",
          detail: `assigned Priya Natarajan as commander of ${declared.json.id} (on call for search-api)`,
        },
        { type: "post_timeline_update", status: "ok", detail: `posted an update to ${declared.json.id}` },
      ],
    });
    const [incident] = await queryRows<{ commander_id: string }>(
      sql`select commander_id from incidents where id = ${declared.json.id}`,
    );
    expect(incident.commander_id).toBe("user_def456");
    expect(await runLog(workflow.id)).toHaveLength(3);
  });

  it("records a failed action and still runs the rest; the failure changes nothing", async () => {
    const { json: workflow } = await create({
      name: "Declare and assign",
      trigger: "error_group_created",
      condition: "",
      actions: [
        { type: "create_incident", severity: "SEV2", title: "Errors spiking" },
        { type: "assign_commander", userId: "user_viewer" },
        { type: "post_timeline_update", message: "Auto-declared." },
      ],
    });
    const [run] = await runWorkflowsForEvent(db, {
      id: "egc:1",
      trigger: "error_group_created",
      subject: { service: "checkout-api", environment: "production", errorGroupId: "eg_42" },
    });
    expect(run).toMatchObject({ matched: true, reason: "No condition: every event of the trigger matches." });
    if (run.replayed) throw new Error("not replayed");
    expect(run.actionResults.map((r) => r.status)).toEqual(["ok", "error", "ok"]);
    expect(run.actionResults[1].detail).toContain("only responders and admins can be incident commander");
    const [incident] = await queryRows<{ commander_id: string | null; source: string }>(
      sql`select commander_id, source from incidents where id = ${run.incidentId}`,
    );
    expect(incident).toEqual({ commander_id: null, source: "error_group" });
    expect((await runLog(workflow.id))[0].actionResults).toEqual(run.actionResults);
  });
});
