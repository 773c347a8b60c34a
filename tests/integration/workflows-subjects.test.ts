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
const incidentRows = () =>
  queryRows<{ id: string; severity: string; source: string; title: string; declared_by: string }>(
    sql`select id, severity, source, title, declared_by from incidents order by id`,
  );

beforeEach(async () => {
  db = await resetDatabase();
  n = 0;
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

    // The stored alert's own event finds the incident through its key, not the newer one of the service.
    const alertId = fired.json.alert.id as string;
    const [byKey] = await runWorkflowsForEvent(
      db,
      alertEvent({
        severity: "critical",
        service: "payment-service",
        dedupKey: "pay-5xx",
        alertId,
        source: "api",
      }),
    );
    expect(byKey).toMatchObject({
      incidentId: older.json.id,
      actionResults: [{ status: "ok", detail: `alert ${alertId} was already linked to ${older.json.id}` }],
    });
    // Keys are scoped by source and sender: an Alertmanager alert keyed pay-5xx is not the native one.
    const [otherSource] = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "payment-service", dedupKey: "pay-5xx" }),
    );
    expect(otherSource).toMatchObject({
      incidentId: newer.json.id,
      actionResults: [
        { status: "ok", detail: `linked alert alrt_2 to ${newer.json.id} (same service payment-service)` },
      ],
    });
    const [byService] = await runWorkflowsForEvent(
      db,
      alertEvent({ severity: "critical", service: "payment-service", dedupKey: "another-key" }),
    );
    expect(byService).toMatchObject({
      incidentId: newer.json.id,
      actionResults: [
        { status: "ok", detail: `linked alert alrt_3 to ${newer.json.id} (same service payment-service)` },
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
