import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/workflows/route";
import * as item from "@/app/api/workflows/[id]/route";
import * as runs from "@/app/api/workflows/[id]/runs/route";
import * as preview from "@/app/api/workflows/preview/route";
import * as incidentsRoute from "@/app/api/dashboard/incidents/route";
import * as linksRoute from "@/app/api/dashboard/incidents/[id]/links/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as errorsRoute from "@/app/api/errors/route";
import type { Db } from "@/db/client";
import { runWorkflowsForEvent } from "@/lib/workflows/run-workflows-for-event";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";
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
    expect(entries.map((e) => e.kind)).toEqual(["declared", "link_added", "action"]);
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

describe("alerts and error groups as workflow subjects", () => {
  it("link_to_open_incident follows the alert links of the same dedup key before the newest incident of the service", async () => {
    const older = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: validIncident,
    });
    const newer = await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: validIncident,
    });
    const fired = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        title: "Payment 5xx",
        service: "payment-service",
        environment: "production",
        severity: "critical",
        status: "firing",
        dedupKey: "pay-5xx",
      },
    });
    expect(fired.status).toBe(201);
    const linked = await call(linksRoute.POST, `/api/dashboard/incidents/${older.json.id}/links`, {
      method: "POST",
      body: { type: "alert", targetId: fired.json.alert.id },
      params: { id: older.json.id },
    });
    expect(linked.status).toBe(201);
    await create({
      name: "Follow the key",
      trigger: "alert_fired",
      condition: "",
      actions: [{ type: "link_to_open_incident" }],
    });

    const [byKey] = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "payment-service", dedupKey: "pay-5xx" }),
    );
    expect(byKey).toMatchObject({
      incidentId: older.json.id,
      actionResults: [
        { status: "ok", detail: `linked alert alrt_1 to ${older.json.id} (alert with dedup key pay-5xx)` },
      ],
    });
    const [byService] = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "payment-service", dedupKey: "another-key" }),
    );
    expect(byService).toMatchObject({
      incidentId: newer.json.id,
      actionResults: [
        { status: "ok", detail: `linked alert alrt_2 to ${newer.json.id} (same service payment-service)` },
      ],
    });
  });

  it("previews alert_fired against stored alerts and error_group_created against error groups", async () => {
    const alertBody = { environment: "production", status: "firing" };
    await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        ...alertBody,
        title: "Payment 5xx",
        service: "payment-service",
        severity: "critical",
        dedupKey: "a",
      },
    });
    await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: {
        ...alertBody,
        title: "Checkout slow",
        service: "checkout-api",
        severity: "warning",
        dedupKey: "b",
      },
    });
    const alertsPreview = await call(preview.POST, "/api/workflows/preview", {
      method: "POST",
      body: { trigger: "alert_fired", condition: SEED_CONDITION },
    });
    expect(alertsPreview.json).toMatchObject({ trigger: "alert_fired", sampled: 2, matched: 1 });
    expect(
      Object.fromEntries(
        alertsPreview.json.items.map((i: { label: string; matched: boolean }) => [i.label, i.matched]),
      ),
    ).toEqual({
      "warning checkout-api: Checkout slow": false,
      "critical payment-service: Payment 5xx": true,
    });
    const resolvedPreview = await call(preview.POST, "/api/workflows/preview", {
      method: "POST",
      body: { trigger: "alert_resolved", condition: "" },
    });
    expect(resolvedPreview.json).toMatchObject({ sampled: 0, matched: 0 });

    await call(errorsRoute.POST, "/api/errors", {
      method: "POST",
      body: {
        fingerprint: "pool",
        title: "Pool exhausted",
        service: "checkout-api",
        environment: "production",
      },
    });
    const groupsPreview = await call(preview.POST, "/api/workflows/preview", {
      method: "POST",
      body: { trigger: "error_group_created", condition: "service = checkout-api" },
    });
    expect(groupsPreview.json).toMatchObject({ trigger: "error_group_created", sampled: 1, matched: 1 });
    expect(groupsPreview.json.items[0].label).toBe("checkout-api: Pool exhausted");
  });
});

describe("API validation", () => {
  it("answers a malformed condition with 422 naming the offset, column and what was expected, and stores nothing", async () => {
    const res = await create({ ...seedWorkflow, condition: "severity = AND service in [payment-service]" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.json).toMatchObject({
      offset: 11,
      line: 1,
      column: 12,
      expected: 'a value (quote "AND" to use it as a value)',
    });
    expect(res.json.errors).toEqual([
      {
        path: "condition",
        message: 'At column 12: expected a value (quote "AND" to use it as a value), found "AND".',
      },
    ]);
    const unclosed = await create({ ...seedWorkflow, condition: "service in [a, b" });
    expect(unclosed.json).toMatchObject({ offset: 16, column: 17, expected: ", or ] in the list of values" });
    expect((await call(collection.GET, "/api/workflows")).json.items).toEqual([]);
  });

  it("refuses a notify without an existing subscription, actions that do not fit the trigger, duplicates and viewers", async () => {
    const notify = await create({
      ...seedWorkflow,
      actions: [{ type: "notify", webhook: "https://example.com" }],
    });
    expect(notify.status).toBe(422);
    expect(notify.json.errors).toContainEqual({ path: "actions.0.webhook", message: "Unknown field." });
    const unknown = await create({
      ...seedWorkflow,
      actions: [
        { type: "create_incident", severity: "SEV1" },
        { type: "notify", webhookId: "wh_nope" },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors).toEqual([
      {
        path: "actions.1.webhookId",
        message: "No webhook subscription wh_nope; an admin creates them under Settings → Webhooks.",
      },
    ]);
    const first = await create({ ...seedWorkflow, actions: [{ type: "notify", webhookId: "wh_nope" }] });
    expect(first.json.errors[0]).toEqual({
      path: "actions.0.type",
      message: "notify needs an incident: put create_incident or link_to_open_incident before it.",
    });
    const orphan = await create({
      ...seedWorkflow,
      actions: [{ type: "post_timeline_update", message: "x" }],
    });
    expect(orphan.json.errors).toEqual([
      {
        path: "actions.0.type",
        message:
          "post_timeline_update needs an incident: put create_incident or link_to_open_incident before it.",
      },
    ]);
    const loop = await create({ ...seedWorkflow, trigger: "incident_declared" });
    expect(loop.json.errors[0].path).toBe("actions.0.type");
    expect((await create(seedWorkflow)).status).toBe(201);
    expect((await create(seedWorkflow)).status).toBe(409);
    expect((await create({ ...seedWorkflow, name: "Other" }, "viewer")).status).toBe(403);
    const { json } = await call(collection.GET, "/api/workflows", { as: "viewer" });
    expect(json.items).toHaveLength(1);
  });

  it("PATCH re-checks the condition, GET /:id and DELETE work, unknown ids are 404", async () => {
    const { json: workflow } = await create(seedWorkflow);
    const id = workflow.id;
    const bad = await call(item.PATCH, `/api/workflows/${id}`, {
      method: "PATCH",
      body: { condition: "severity = critical AND" },
      params: { id },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ offset: 23, column: 24 });
    const stale = await call(item.PATCH, `/api/workflows/${id}`, {
      method: "PATCH",
      body: { enabled: false },
      headers: { "if-match": '"7"' },
      params: { id },
    });
    expect(stale.status).toBe(412);
    const got = await call(item.GET, `/api/workflows/${id}`, { params: { id } });
    expect(got.json).toMatchObject({ condition: SEED_CONDITION, enabled: true, version: 1, lastRun: null });
    expect(
      (await call(item.DELETE, `/api/workflows/${id}`, { method: "DELETE", params: { id } })).status,
    ).toBe(204);
    expect((await call(item.GET, `/api/workflows/${id}`, { params: { id } })).status).toBe(404);
    expect((await call(runs.GET, `/api/workflows/nope/runs`, { params: { id: "nope" } })).status).toBe(404);
  });

  it("previews a condition against recent incidents for incident triggers", async () => {
    await call(incidentsRoute.POST, "/api/dashboard/incidents", { method: "POST", body: validIncident });
    await call(incidentsRoute.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: { ...validIncident, severity: "SEV3", services: ["search-api"] },
    });
    const res = await call(preview.POST, "/api/workflows/preview", {
      method: "POST",
      body: { trigger: "incident_declared", condition: "severity = SEV1 AND service = payment-service" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ trigger: "incident_declared", sampled: 2, matched: 1 });
    expect(res.json.items.map((i: { matched: boolean }) => i.matched)).toEqual([false, true]);
    const broken = await call(preview.POST, "/api/workflows/preview", {
      method: "POST",
      body: { trigger: "incident_declared", condition: "severity =" },
    });
    expect(broken.status).toBe(422);
    expect(broken.json).toMatchObject({ column: 11 });
  });
});

describe("notify action", () => {
  it("sends the workflow's incident to the chosen subscription through the delivery job, once per event", async () => {
    const receiver = await startReceiver();
    try {
      const hook = await createWebhook(
        db,
        { type: "system", name: "test", role: "admin" },
        { url: receiver.url(), events: ["incident.declared"], description: "Pager bridge" },
        { allowPrivate: true },
      );
      const created = await create({
        ...seedWorkflow,
        actions: [
          { type: "create_incident", severity: "SEV1" },
          { type: "notify", webhookId: hook.id },
        ],
      });
      expect(created.status).toBe(201);
      const event = alertEvent({
        severity: "critical",
        service: "payment-service",
        title: "Payment error rate above 5%",
      });
      const [outcome] = await runWorkflowsForEvent(db, event);
      expect(outcome).toMatchObject({
        matched: true,
        actionResults: [
          { type: "create_incident", status: "ok" },
          { type: "notify", status: "ok", detail: expect.stringContaining("to Pager bridge") },
        ],
      });
      expect(await runWorkflowsForEvent(db, event)).toMatchObject([{ replayed: true }]);
      const jobs = await queryRows<{ data: { deliveryId: string; attempt: number } }>(
        sql`select data from pgboss.job where name = 'webhooks.deliver'`,
      );
      expect(jobs).toHaveLength(1);
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";
      expect(await deliverWebhook(db, jobs[0].data)).toMatchObject({ status: "delivered" });
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
      const [request] = receiver.received;
      expect(verifyStandardWebhook(hook.secret, request.headers, request.body)).toBe(true);
      const body = JSON.parse(request.body);
      const [incident] = await incidentRows();
      expect(body).toMatchObject({
        type: "workflow.notify",
        data: {
          workflow: seedWorkflow.name,
          trigger: "alert_fired",
          incident: { id: incident.id, severity: "SEV1", title: "Payment error rate above 5%" },
        },
      });

      // A disabled subscription is skipped and says why; a deleted one is an error in the run log.
      await queryRows(
        sql`update webhook_subscriptions set enabled = false, disabled_reason = 'Disabled by Alex Chen.' where id = ${hook.id}`,
      );
      const [skipped] = await runWorkflowsForEvent(
        db,
        alertEvent({ severity: "critical", service: "payment-service" }),
      );
      expect(skipped).toMatchObject({
        actionResults: [
          { status: "ok" },
          {
            type: "notify",
            status: "skipped",
            detail: "Webhook subscription Pager bridge is disabled (Disabled by Alex Chen.).",
          },
        ],
      });
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
      await receiver.close();
    }
  });
});
