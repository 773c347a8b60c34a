import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb } from "@/db/client";
import { defineEventConsumer } from "@/lib/events/consumers";
import { dispatchJobWith } from "@/lib/events/dispatch-job";
import { dispatchJobSpec } from "@/lib/events/dispatch-job-spec";
import { type LiveEvent, subscribeLive } from "@/lib/live/subscribe-live";
import { recordEvent } from "@/lib/events/record-event";
import type { JobContext } from "@/lib/jobs/registry";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

beforeEach(async () => {
  await resetDatabase();
});

const alertFired = (subjectId: string) => ({
  type: "alert.fired" as const,
  subjectId,
  payload: { fingerprint: subjectId },
  actor: "test",
});
const dispatchJobs = () =>
  queryRows<{ data: { eventIds: number[] } }>(
    sql`select data from pgboss.job where name = 'events.dispatch'`,
  );
const eventCount = async () =>
  Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from events`))[0].n);
const context = async (): Promise<JobContext> => ({
  jobId: "test",
  name: dispatchJobSpec.name,
  retryCount: 0,
  db: await getDb(),
});

async function waitFor(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

describe("outbox", () => {
  it("stores nothing and queues nothing for an event recorded in a rolled-back transaction", async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await recordEvent(tx, alertFired("rolled-back"));
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await eventCount()).toBe(0);
    expect(await dispatchJobs()).toEqual([]);
  });

  it("queues one dispatch job with the committed event, and consumers apply it once even when delivered twice", async () => {
    const db = await getDb();
    const seen = { first: [] as number[], flaky: [] as number[] };
    let flakyFails = true;
    const dispatchEventsJob = dispatchJobWith([
      defineEventConsumer({
        name: "test.first",
        types: ["alert.fired"],
        consume: async (tx, event) => {
          seen.first.push(event.id);
          await tx.execute(sql`select 1`);
        },
      }),
      defineEventConsumer({
        name: "test.flaky",
        types: "*",
        consume: async (_tx, event) => {
          if (flakyFails) throw new Error("downstream unavailable");
          seen.flaky.push(event.id);
        },
      }),
      defineEventConsumer({
        name: "test.other-type",
        types: ["incident.declared"],
        consume: async () => {
          throw new Error("must not see alert events");
        },
      }),
    ]);
    {
      const event = await db.transaction((tx) => recordEvent(tx, alertFired("committed")));
      const jobs = await dispatchJobs();
      expect(jobs.map((job) => job.data)).toEqual([{ eventIds: [event.id] }]);

      // First delivery: one consumer fails, so the job fails and will be retried.
      await expect(dispatchEventsJob.handler(jobs[0].data, await context())).rejects.toThrow("test.flaky");
      // Redelivery: the consumer that succeeded is skipped, the failed one runs now.
      flakyFails = false;
      await dispatchEventsJob.handler(jobs[0].data, await context());
      await dispatchEventsJob.handler(jobs[0].data, await context());
      expect(seen).toEqual({ first: [event.id], flaky: [event.id] });
      const marks = await queryRows<{ consumer: string }>(
        sql`select consumer from event_consumptions order by consumer`,
      );
      expect(marks.map((m) => m.consumer)).toEqual(["test.first", "test.flaky"]);
    }
  });

  it("skips, without a transaction or a mark, the events a consumer's interest rules out", async () => {
    const db = await getDb();
    const seen: string[] = [];
    let interested = new Set<string>(["alert.fired"]);
    const dispatchEventsJob = dispatchJobWith([
      defineEventConsumer({
        name: "test.picky",
        types: "*",
        consume: async (_tx, event) => void seen.push(event.type),
        interest: async () => interested,
      }),
    ]);
    {
      const fired = await db.transaction((tx) => recordEvent(tx, alertFired("picky")));
      const resolved = await db.transaction((tx) =>
        recordEvent(tx, { ...alertFired("picky"), type: "alert.resolved" }),
      );
      await dispatchEventsJob.handler({ eventIds: [fired.id, resolved.id] }, await context());
      expect(seen).toEqual(["alert.fired"]);
      const marks = await queryRows<{ event_id: number }>(
        sql`select event_id from event_consumptions where consumer = 'test.picky'`,
      );
      expect(marks.map((m) => Number(m.event_id))).toEqual([fired.id]);
      // Interest that appears later (a subscription created) picks up a redelivered event.
      interested = new Set(["alert.fired", "alert.resolved"]);
      await dispatchEventsJob.handler({ eventIds: [fired.id, resolved.id] }, await context());
      expect(seen).toEqual(["alert.fired", "alert.resolved"]);
    }
  });

  it("keeps each subject's events in order while subjects run side by side, and one failing subject fails only itself", async () => {
    const db = await getDb();
    const seen: { subject: string; id: number }[] = [];
    const dispatchEventsJob = dispatchJobWith([
      defineEventConsumer({
        name: "test.ordered",
        types: "*",
        consume: async (tx, event) => {
          if (event.subjectId === "broken") throw new Error("this subject is broken");
          // Slow early events of a subject: an order kept only by luck would show here.
          await tx.execute(sql`select pg_sleep(${event.type === "alert.fired" ? 0.02 : 0})`);
          seen.push({ subject: event.subjectId, id: event.id });
        },
      }),
    ]);
    const ids: number[] = [];
    for (let round = 0; round < 3; round++)
      for (const subject of ["a", "b", "c", "d", "e", "broken"]) {
        const type = round === 0 ? "alert.fired" : "alert.resolved";
        ids.push((await db.transaction((tx) => recordEvent(tx, { ...alertFired(subject), type }))).id);
      }
    await expect(dispatchEventsJob.handler({ eventIds: ids }, await context())).rejects.toThrow(
      "this subject is broken",
    );
    expect(seen).toHaveLength(15);
    for (const subject of ["a", "b", "c", "d", "e"]) {
      const order = seen.filter((entry) => entry.subject === subject).map((entry) => entry.id);
      expect(order).toHaveLength(3);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    const marks = await queryRows<{ n: number }>(
      sql`select count(*)::int as n from event_consumptions where consumer = 'test.ordered'`,
    );
    expect(Number(marks[0].n)).toBe(15);
  });

  it("declaring an incident through the API records incident.declared with its id", async () => {
    const body = {
      ...validIncident,
      status: "investigating",
      commanderId: "user_def456",
      technicalLeadId: "user_abc123",
    };
    const res = await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body });
    expect(res.status).toBe(201);
    const rows = await queryRows<{
      id: number | string;
      type: string;
      incident_id: string;
      subject_id: string;
      payload: Record<string, unknown>;
    }>(sql`select id, type, incident_id, subject_id, payload from events order by id`);
    expect(rows.map((r) => r.type)).toEqual([
      "incident.declared",
      "incident.status_changed",
      "incident.commander_changed",
      "incident.role_changed",
    ]);
    expect(rows[0]).toMatchObject({
      incident_id: res.json.id,
      subject_id: res.json.id,
      payload: { severity: "SEV1", title: validIncident.title, incidentVersion: 1 },
    });
    // Each event names its own timeline entry, in the entries' order.
    const entries = await queryRows<{ id: number | string; kind: string }>(
      sql`select id, kind from timeline_entries where incident_id = ${res.json.id} order by id`,
    );
    expect(rows.map((r) => [r.payload.kind, r.payload.timelineEntryId])).toEqual(
      entries.map((e) => [e.kind, Number(e.id)]),
    );
    // The declaration's statement writes its events and their one job together: the job names exactly them.
    expect((await dispatchJobs()).map((job) => job.data)).toEqual([
      { eventIds: rows.map((r) => Number(r.id)) },
    ]);

    const resolve = await call(
      (await import("@/app/api/dashboard/incidents/[id]/route")).PATCH,
      `/api/dashboard/incidents/${res.json.id}`,
      {
        method: "PATCH",
        body: { status: "resolved", resolutionSummary: "Rolled back the webhook change." },
        params: { id: res.json.id },
      },
    );
    expect(resolve.status, resolve.text).toBe(200);
    const later = await queryRows<{ type: string; payload: Record<string, unknown> }>(
      sql`select type, payload from events where id > ${Number(rows.at(-1)!.id)} order by id`,
    );
    const types = later.map((r) => r.type);
    const status = types.indexOf("incident.status_changed");
    expect(types[status + 1]).toBe("incident.resolved");
    expect(later[status].payload).toMatchObject({ from: "investigating", to: "resolved" });
  });
});

describe("live notifications", () => {
  it("arrive after commit and never for a rollback", async () => {
    const db = await getDb();
    const received: LiveEvent[] = [];
    const unsubscribe = await subscribeLive((event) => received.push(event));
    try {
      let insideTransaction = -1;
      const first = await db.transaction(async (tx) => {
        const event = await recordEvent(tx, alertFired("one"));
        await tx.execute(sql`select pg_sleep(0.05)`);
        insideTransaction = received.length;
        return event;
      });
      await db
        .transaction(async (tx) => {
          await recordEvent(tx, alertFired("never"));
          throw new Error("rolled back");
        })
        .catch(() => {});
      const last = await db.transaction((tx) => recordEvent(tx, alertFired("two")));
      // Notifications arrive in commit order, so once the last is here a rolled-back one would be too.
      await waitFor(() => received.some((e) => e.id === last.id), "the last notification");
      expect(insideTransaction).toBe(0);
      expect(received).toEqual([
        { id: first.id, type: "alert.fired", incidentId: null },
        { id: last.id, type: "alert.fired", incidentId: null },
      ]);
    } finally {
      unsubscribe();
    }
  });
});
