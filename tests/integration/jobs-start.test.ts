import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { eventConsumptions, events } from "@/db/events-schema";
import { idempotencyKeys, serviceMetrics, services, signInAttempts } from "@/db/core-schema";
import { EVENT_CONSUMERS } from "@/lib/events/consumer-list";
import { defineEventConsumer } from "@/lib/events/consumers";
import { dispatchJobWith } from "@/lib/events/dispatch-job";
import type { StoredEvent } from "@/lib/events/event-types";
import { JOBS, MAINTENANCE_TASKS } from "@/lib/jobs/job-list";
import { runMaintenance } from "@/lib/jobs/maintenance";
import { startJobs, stopJobs } from "@/lib/jobs/start-jobs";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const delivered: StoredEvent[] = [];
const collect = defineEventConsumer({
  name: "test.collect",
  types: ["incident.declared"],
  consume: async (_tx, event) => void delivered.push(event),
});
// The server's jobs, with a dispatch that also hands events to the collecting consumer.
const jobs = JOBS.map((job) =>
  job.name === "events.dispatch" ? dispatchJobWith([...EVENT_CONSUMERS, collect]) : job,
);

beforeAll(async () => {
  await resetDatabase();
  // Idle workers would not look again for a minute: delivery below relies on the commit waking them.
  await startJobs({ pollingIntervalSeconds: 60, jobs });
});

afterAll(async () => {
  await stopJobs(1000);
});

describe("startJobs", () => {
  it("creates the queues, registers the maintenance schedule and the features' purges", async () => {
    const schedules = await queryRows<{ name: string; cron: string; timezone: string }>(
      sql`select name, cron, timezone from pgboss.schedule where name not like 'test.%'`,
    );
    expect(schedules).toEqual(
      expect.arrayContaining([
        { name: "jobs.run-maintenance", cron: "*/10 * * * *", timezone: "UTC" },
        { name: "alerts.evaluate-rules", cron: "* * * * *", timezone: "UTC" },
        { name: "reminders.run-timers", cron: "* * * * *", timezone: "UTC" },
      ]),
    );
    expect(schedules).toHaveLength(3);
    const queues = await queryRows<{ name: string }>(
      sql`select name from pgboss.queue where name not like '\_\_pgboss%' and name not like 'test.%' order by name`,
    );
    expect(queues.map((q) => q.name)).toEqual([
      "alerts.evaluate-rules",
      "events.dispatch",
      "jobs.run-maintenance",
      "mail.send",
      "mail.send-batch",
      "paging.ack-timeout",
      "paging.escalate",
      "paging.notify",
      "reminders.run-timers",
      "status-pages.advance-maintenance",
      "status-pages.hook-deliver",
      "status-pages.hook-maintenance",
      "status-pages.hook-update",
      "status-pages.mail-maintenance",
      "status-pages.mail-update",
      "webhooks.deliver",
    ]);
    expect(MAINTENANCE_TASKS.map((task) => task.name)).toEqual([
      "events.purge-expired-events",
      "auth.prune-sign-in-attempts",
      "telemetry.purge-expired-metrics",
      "http.purge-idempotency-keys",
      "webhooks.purge-old-deliveries",
      "audit.purge-old-events",
      "status-pages.roll-over-snapshots",
    ]);
  });

  it("dispatches a declared incident's event to consumers through the running workers", async () => {
    const res = await call(collection.POST, "/api/dashboard/incidents", {
      method: "POST",
      body: validIncident,
    });
    expect(res.status).toBe(201);
    for (let i = 0; i < 200 && delivered.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delivered.map((e) => [e.type, e.incidentId])).toEqual([["incident.declared", res.json.id]]);
  });

  it("maintenance deletes expired sign-in attempts, metrics, idempotency keys and events and keeps current ones", async () => {
    const db = await getDb();
    const now = new Date("2026-06-01T12:00:00Z");
    await db.insert(signInAttempts).values([
      { account: "old@example.com", at: new Date(now.getTime() - 25 * 60 * 60_000) },
      { account: "new@example.com", at: new Date(now.getTime() - 60_000) },
    ]);
    await db.insert(idempotencyKeys).values([
      {
        principal: "user:a",
        key: "old",
        requestHash: "x",
        state: "done",
        createdAt: new Date(now.getTime() - 25 * 60 * 60_000),
      },
      {
        principal: "user:a",
        key: "new",
        requestHash: "x",
        state: "done",
        createdAt: new Date(now.getTime() - 60_000),
      },
    ]);
    await db.insert(services).values({ slug: "svc-a", name: "Svc A" }).onConflictDoNothing();
    const point = {
      service: "svc-a",
      environment: "production",
      errorRate: 0,
      latencyP95Ms: 1,
      requestRate: 1,
    };
    await db.insert(serviceMetrics).values([
      { ...point, ts: new Date(now.getTime() - 200 * 86_400_000) },
      { ...point, ts: new Date(now.getTime() - 86_400_000) },
    ]);
    const [oldEvent, newEvent] = await db
      .insert(events)
      .values([
        {
          type: "alert.fired",
          subjectId: "a1",
          actor: "test",
          createdAt: new Date(now.getTime() - 31 * 86_400_000),
        },
        {
          type: "alert.fired",
          subjectId: "a2",
          actor: "test",
          createdAt: new Date(now.getTime() - 29 * 86_400_000),
        },
      ])
      .returning();
    await db.insert(eventConsumptions).values([
      { consumer: "test", eventId: oldEvent.id },
      { consumer: "test", eventId: newEvent.id },
    ]);
    await runMaintenance(db, MAINTENANCE_TASKS, now);
    expect(
      (
        await db
          .select({ id: events.id })
          .from(events)
          .where(sql`${events.subjectId} in ('a1', 'a2')`)
      ).map((r) => r.id),
    ).toEqual([newEvent.id]);
    expect(
      (
        await db
          .select({ eventId: eventConsumptions.eventId })
          .from(eventConsumptions)
          .where(sql`${eventConsumptions.consumer} = 'test'`)
      ).map((r) => r.eventId),
    ).toEqual([newEvent.id]);
    expect(
      (await db.select({ account: signInAttempts.account }).from(signInAttempts)).map((r) => r.account),
    ).toEqual(["new@example.com"]);
    expect((await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((r) => r.key)).toEqual([
      "new",
    ]);
    expect(
      (await db.select({ ts: serviceMetrics.ts }).from(serviceMetrics)).map((r) => r.ts.toISOString()),
    ).toEqual(["2026-05-31T12:00:00.000Z"]);
  });
});
