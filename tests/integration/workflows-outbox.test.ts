import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as alertsRoute from "@/app/api/alerts/route";
import * as errorsRoute from "@/app/api/errors/route";
import * as workflowsRoute from "@/app/api/workflows/route";
import { hasConsumed } from "@/lib/events/consumers";
import { startJobs, stopJobs } from "@/lib/jobs/start-jobs";
import { WORKFLOWS_CONSUMER } from "@/lib/workflows/workflows-consumer";
import { getDb } from "@/db/client";
import { call, queryRows, resetDatabase } from "@/tests/support/harness";

// Limits for a loaded 2-core machine, not measurements.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const seedWorkflow = {
  name: "Critical payments alerts",
  trigger: "alert_fired",
  condition: "severity = critical AND service in [payment-service, checkout-api]",
  actions: [{ type: "create_incident", severity: "SEV1" }],
};
const alert = (extra: Record<string, unknown>) => ({
  title: "Payment 5xx above 5%",
  service: "payment-service",
  environment: "production",
  status: "firing",
  value: 0.12,
  threshold: 0.05,
  ...extra,
});

const firedEventId = async (subjectId: string, type = "alert.fired") =>
  (
    await queryRows<{ id: number }>(
      sql`select id from events where type = ${type} and subject_id = ${subjectId}`,
    )
  )[0]?.id;

async function waitUntilConsumed(subjectId: string, type = "alert.fired") {
  const db = await getDb();
  for (let i = 0; i < 600; i++) {
    const id = await firedEventId(subjectId, type);
    if (id !== undefined && (await hasConsumed(db, WORKFLOWS_CONSUMER, id))) return id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the event of ${subjectId} (${type}) was never consumed by ${WORKFLOWS_CONSUMER}`);
}

beforeAll(async () => {
  await resetDatabase();
  // Idle workers would not look again for a minute: delivery relies on the commit waking them.
  await startJobs({ pollingIntervalSeconds: 60 });
});

afterAll(async () => {
  await stopJobs(1000);
});

describe("workflows run from the outbox", () => {
  it("a matching alert posted to /api/alerts declares a SEV1 linked to it, naming the workflow; a warning declares none", async () => {
    const created = await call(workflowsRoute.POST, "/api/workflows", { method: "POST", body: seedWorkflow });
    expect(created.status).toBe(201);

    const warning = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: alert({ severity: "warning", dedupKey: "pay-warn" }),
    });
    expect(warning.status).toBe(201);
    const critical = await call(alertsRoute.POST, "/api/alerts", {
      method: "POST",
      body: alert({ severity: "critical", dedupKey: "pay-5xx" }),
    });
    expect(critical.status).toBe(201);
    const criticalId = critical.json.alert.id as string;
    const warningId = warning.json.alert.id as string;

    const criticalEvent = await waitUntilConsumed(criticalId);
    await waitUntilConsumed(warningId);

    const incidents = await queryRows<{ id: string; severity: string; title: string; declared_by: string }>(
      sql`select id, severity, title, declared_by from incidents`,
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      severity: "SEV1",
      title: "Payment 5xx above 5%",
      declared_by: "workflow:Critical payments alerts",
    });
    const incidentId = incidents[0].id;
    const links = await queryRows<{ type: string; target_id: string }>(
      sql`select type, target_id from incident_links where incident_id = ${incidentId}`,
    );
    expect(links).toEqual([{ type: "alert", target_id: criticalId }]);
    const entries = await queryRows<{ actor: string; message: string | null }>(
      sql`select actor, message from timeline_entries where incident_id = ${incidentId} and kind = 'action'`,
    );
    expect(entries).toEqual([
      {
        actor: "workflow:Critical payments alerts",
        message: `Declared by workflow **Critical payments alerts** on alert_fired (alert ${criticalId}).`,
      },
    ]);

    // The run log keys each run by the outbox event; the warning's run is recorded as not matched.
    const runs = await queryRows<{ event_key: string; matched: boolean; incident_id: string | null }>(
      sql`select event_key, matched, incident_id from workflow_runs order by event_key`,
    );
    expect(runs).toEqual(
      expect.arrayContaining([
        { event_key: `event:${criticalEvent}`, matched: true, incident_id: incidentId },
        { event_key: `event:${await firedEventId(warningId)}`, matched: false, incident_id: null },
      ]),
    );
    expect(runs).toHaveLength(2);
  });

  it("a new error group runs error_group_created workflows with the group's service, once", async () => {
    const workflow = {
      name: "New checkout errors",
      trigger: "error_group_created",
      condition: "service = checkout-api",
      actions: [{ type: "create_incident", severity: "SEV3" }],
    };
    expect(
      (await call(workflowsRoute.POST, "/api/workflows", { method: "POST", body: workflow })).status,
    ).toBe(201);
    const occurrence = {
      fingerprint: "pool-exhausted",
      title: "Pool exhausted in checkout",
      service: "checkout-api",
      environment: "production",
    };
    const first = await call(errorsRoute.POST, "/api/errors", { method: "POST", body: occurrence });
    expect(first.status).toBe(201);
    const groupId = first.json.group.id as string;
    expect((await call(errorsRoute.POST, "/api/errors", { method: "POST", body: occurrence })).status).toBe(
      200,
    );
    await waitUntilConsumed(groupId, "error_group.created");

    const declared = await queryRows<{ id: string; severity: string }>(
      sql`select i.id, i.severity from incidents i join incident_links l on l.incident_id = i.id where l.type = 'error_group' and l.target_id = ${groupId}`,
    );
    expect(declared.map((i) => i.severity)).toEqual(["SEV3"]);
  });
});
