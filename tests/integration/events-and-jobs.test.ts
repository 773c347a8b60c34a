import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as collection from "@/app/api/dashboard/incidents/route";
import { getDb, getDbHandle } from "@/db/client";
import { registerEventConsumer, unregisterEventConsumer } from "@/lib/events/consumers";
import { dispatchEventsJob } from "@/lib/events/dispatch-events";
import { type LiveEvent, subscribeLive } from "@/lib/events/live";
import { recordEvent } from "@/lib/events/record-event";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { defineJob, type JobContext } from "@/lib/jobs/registry";
import { type JobRunner, startJobRunner } from "@/lib/jobs/runner";
import { call, queryRows, resetDatabase, validIncident } from "@/tests/support/harness";

const runners: JobRunner[] = [];
const startRunner = async (...args: Parameters<typeof startJobRunner>) => {
  const runner = await startJobRunner(...args);
  runners.push(runner);
  return runner;
};

beforeEach(async () => {
  await resetDatabase();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop(1000)));
});

afterAll(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop(1000)));
});

const alertFired = (subjectId: string) => ({ type: "alert.fired" as const, subjectId, payload: { fingerprint: subjectId }, actor: "test" });
const dispatchJobs = () => queryRows<{ data: { eventIds: number[] } }>(sql`select data from pgboss.job where name = 'events.dispatch'`);
const eventCount = async () => Number((await queryRows<{ n: number }>(sql`select count(*)::int as n from events`))[0].n);
const context = async (): Promise<JobContext> => ({ jobId: "test", name: dispatchEventsJob.name, retryCount: 0, db: await getDb() });

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
    registerEventConsumer("test.first", ["alert.fired"], async (tx, event) => {
      seen.first.push(event.id);
      await tx.execute(sql`select 1`);
    });
    registerEventConsumer("test.flaky", "*", async (_tx, event) => {
      if (flakyFails) throw new Error("downstream unavailable");
      seen.flaky.push(event.id);
    });
    registerEventConsumer("test.other-type", ["incident.declared"], async () => {
      throw new Error("must not see alert events");
    });
    try {
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
      const marks = await queryRows<{ consumer: string }>(sql`select consumer from event_consumptions order by consumer`);
      expect(marks.map((m) => m.consumer)).toEqual(["test.first", "test.flaky"]);
    } finally {
      for (const name of ["test.first", "test.flaky", "test.other-type"]) unregisterEventConsumer(name);
    }
  });

  it("declaring an incident through the API records incident.declared with its id", async () => {
    const res = await call(collection.POST, "/api/dashboard/incidents", { method: "POST", body: { ...validIncident, commanderId: "user_def456" } });
    expect(res.status).toBe(201);
    const rows = await queryRows<{ type: string; incident_id: string; subject_id: string; payload: Record<string, unknown> }>(
      sql`select type, incident_id, subject_id, payload from events order by id`,
    );
    expect(rows.map((r) => r.type)).toEqual(["incident.declared", "incident.commander_changed"]);
    expect(rows[0]).toMatchObject({ incident_id: res.json.id, subject_id: res.json.id, payload: { severity: "SEV1", title: validIncident.title } });
    expect((await dispatchJobs()).length).toBe(1);

    const resolve = await call((await import("@/app/api/dashboard/incidents/[id]/route")).PATCH, `/api/dashboard/incidents/${res.json.id}`, {
      method: "PATCH",
      body: { status: "resolved", resolutionSummary: "Rolled back the webhook change." },
      params: { id: res.json.id },
    });
    expect(resolve.status, resolve.text).toBe(200);
    const later = await queryRows<{ type: string; payload: Record<string, unknown> }>(sql`select type, payload from events where id > 2 order by id`);
    const types = later.map((r) => r.type);
    const status = types.indexOf("incident.status_changed");
    expect(types[status + 1]).toBe("incident.resolved");
    expect(later[status].payload).toMatchObject({ from: "declared", to: "resolved" });
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

const runs: { n: number; jobId: string }[] = [];
const countJob = defineJob<{ n: number }>("test.count-runs", async (data, { jobId }) => {
  runs.push({ n: data.n, jobId });
});
const ticks: number[] = [];
const tickJob = defineJob("test.tick", async () => {
  ticks.push(Date.now());
}, { schedule: "* * * * *" });

describe("workers", () => {
  it("two queue instances on one database run each of N jobs exactly once", async () => {
    const handle = await getDbHandle();
    const N = 30;
    await handle.db.transaction(async (tx) => {
      for (let n = 0; n < N; n++) await enqueueJob(tx, countJob, { n });
    });
    // A long polling interval: the backlog drains only because a worker that ran a job looks again at once.
    await startRunner(handle, { jobs: [countJob], pollingIntervalSeconds: 60 });
    await startRunner(handle, { jobs: [countJob], pollingIntervalSeconds: 60 });
    await waitFor(async () => {
      const rows = await queryRows<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'test.count-runs' and state = 'completed'`);
      return rows[0].n === N;
    }, "all jobs to complete");
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, n) => n));
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(N);
  });

  it("a singleton job never runs twice at once, even with two instances", async () => {
    const handle = await getDbHandle();
    let running = 0;
    let most = 0;
    let done = 0;
    const exclusive = defineJob("test.exclusive", async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 150));
      running--;
      done++;
    }, { policy: "singleton", concurrency: 2 });
    // The queue takes its policy when a worker starts; jobs queued before then join it.
    await startRunner(handle, { jobs: [exclusive], pollingIntervalSeconds: 0.5 });
    await startRunner(handle, { jobs: [exclusive], pollingIntervalSeconds: 0.5 });
    await handle.db.transaction(async (tx) => {
      for (let n = 0; n < 4; n++) await enqueueJob(tx, exclusive, {});
    });
    await waitFor(() => done === 4, "the four jobs");
    expect(most).toBe(1);
  });

  it("a job enqueued in a rolled-back transaction never runs", async () => {
    const db = await getDb();
    await db
      .transaction(async (tx) => {
        await enqueueJob(tx, countJob, { n: -1 });
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await queryRows(sql`select id from pgboss.job where name = 'test.count-runs'`)).toEqual([]);
  });

  it("enqueues with a start time, drops a singleton duplicate and creates a queue no worker has created yet", async () => {
    const db = await getDb();
    const later = new Date(Date.now() + 3_600_000);
    const ids = await db.transaction(async (tx) => [
      await enqueueJob(tx, countJob, { n: 1 }, { startAfter: later, singletonKey: "only-one", singletonSeconds: 60 }),
      await enqueueJob(tx, countJob, { n: 2 }, { singletonKey: "only-one", singletonSeconds: 60 }),
      await enqueueJob(tx, "test.fresh-queue", { n: 3 }),
    ]);
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toBeNull();
    expect(ids[2]).toEqual(expect.any(String));
    const rows = await queryRows<{ name: string; data: unknown; start_after: Date | string; retry_limit: number }>(
      sql`select name, data, start_after, retry_limit from pgboss.job where name like 'test.%' order by name`,
    );
    expect(rows.map((r) => [r.name, r.data])).toEqual([["test.count-runs", { n: 1 }], ["test.fresh-queue", { n: 3 }]]);
    expect(new Date(rows[0].start_after).getTime()).toBe(later.getTime());
    // The definition's retry settings travel with the job.
    expect(rows[0].retry_limit).toBe(3);
  });

  it("a scheduled job runs once per cron tick across two instances", async () => {
    const handle = await getDbHandle();
    const started = Date.now();
    // Every minute, checked every second by both instances: without pg-boss's once-per-tick guard
    // each check would send the job again.
    await startRunner(handle, { jobs: [tickJob], pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });
    await startRunner(handle, { jobs: [tickJob], pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1 });
    await waitFor(() => ticks.length > 0, "the first tick");
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const minutes = Math.floor(Date.now() / 60_000) - Math.floor(started / 60_000) + 1;
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(minutes);
    const schedules = await queryRows<{ name: string; cron: string }>(sql`select name, cron from pgboss.schedule where name = 'test.tick'`);
    expect(schedules).toEqual([{ name: "test.tick", cron: "* * * * *" }]);
  });
});
