import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { z } from "zod";
import { defineJob, jobSpec, noPayload } from "@/lib/jobs/registry";
import { type JobRunner, startJobRunner } from "@/lib/jobs/runner";
import { queryRows, resetDatabase } from "@/tests/support/harness";

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

async function waitFor(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

const runs: { n: number; jobId: string }[] = [];
const countJob = defineJob(
  { name: "test.count-runs", payload: z.object({ n: z.number().int() }) },
  async (data, { jobId }) => {
    runs.push({ n: data.n, jobId });
  },
);
const ticks: number[] = [];
const tickJob = defineJob(
  { name: "test.tick", payload: noPayload, options: { schedule: "* * * * *" } },
  async () => {
    ticks.push(Date.now());
  },
);

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
      const rows = await queryRows<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'test.count-runs' and state = 'completed'`,
      );
      return rows[0].n === N;
    }, "all jobs to complete");
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, n) => n));
    expect(new Set(runs.map((r) => r.jobId)).size).toBe(N);
  });

  it("a batch job takes its queued jobs together, merged into one run, and completes each once", async () => {
    const handle = await getDbHandle();
    const calls: number[][] = [];
    const batchJob = defineJob(
      {
        name: "test.batch-merge",
        payload: z.object({ ns: z.array(z.number()) }),
        options: {
          batch: {
            size: 50,
            merge: (items: { ns: number[] }[]) => ({ ns: items.flatMap((item) => item.ns) }),
          },
        },
      },
      async (data) => {
        calls.push(data.ns);
      },
    );
    await handle.db.transaction(async (tx) => {
      for (let n = 0; n < 30; n++) await enqueueJob(tx, batchJob, { ns: [n] });
    });
    await startRunner(handle, { jobs: [batchJob], pollingIntervalSeconds: 60 });
    await waitFor(async () => {
      const rows = await queryRows<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'test.batch-merge' and state = 'completed'`,
      );
      return rows[0].n === 30;
    }, "all batched jobs to complete");
    // All 30 were queued before the worker started, so its first fetch took them at once.
    expect(calls.length).toBe(1);
    expect(calls[0].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it("a singleton job never runs twice at once, even with two instances", async () => {
    const handle = await getDbHandle();
    let running = 0;
    let most = 0;
    let done = 0;
    const exclusive = defineJob(
      { name: "test.exclusive", payload: noPayload, options: { policy: "singleton", concurrency: 2 } },
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 150));
        running--;
        done++;
      },
    );
    // The queue takes its policy when a worker starts; jobs queued before then join it.
    await startRunner(handle, { jobs: [exclusive], pollingIntervalSeconds: 0.5 });
    await startRunner(handle, { jobs: [exclusive], pollingIntervalSeconds: 0.5 });
    await handle.db.transaction(async (tx) => {
      for (let n = 0; n < 4; n++) await enqueueJob(tx, exclusive, {});
    });
    await waitFor(() => done === 4, "the four jobs");
    expect(most).toBe(1);
  });

  it("stopping lets a running job finish and complete", async () => {
    const handle = await getDbHandle();
    let started = false;
    let finished = false;
    const slow = defineJob({ name: "test.slow", payload: noPayload }, async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      finished = true;
    });
    await handle.db.transaction((tx) => enqueueJob(tx, slow, {}));
    const runner = await startJobRunner(handle, { jobs: [slow], pollingIntervalSeconds: 0.5 });
    await waitFor(() => started, "the job to start");
    await runner.stop(10_000);
    expect(finished).toBe(true);
    const rows = await queryRows<{ state: string }>(
      sql`select state from pgboss.job where name = 'test.slow'`,
    );
    expect(rows).toEqual([{ state: "completed" }]);
  });

  it("refuses to enqueue a payload its schema rejects, and drops (without retrying) one a worker cannot read", async () => {
    const handle = await getDbHandle();
    await expect(
      handle.db.transaction((tx) => enqueueJob(tx, countJob, { n: "three" } as unknown as { n: number })),
    ).rejects.toThrow(/expected number/i);
    expect(await queryRows(sql`select id from pgboss.job where name = 'test.count-runs'`)).toEqual([]);
    // A job from older code (same name, another shape) reaches the worker: completed, never handled.
    const older = jobSpec({ name: countJob.name, payload: z.object({ count: z.number() }) });
    await handle.db.transaction((tx) => enqueueJob(tx, older, { count: 3 }));
    runs.length = 0;
    await startRunner(handle, { jobs: [countJob], pollingIntervalSeconds: 0.5 });
    await waitFor(async () => {
      const rows = await queryRows<{ state: string; retry_count: number }>(
        sql`select state, retry_count from pgboss.job where name = 'test.count-runs'`,
      );
      return rows.length === 1 && rows[0].state === "completed";
    }, "the unreadable job to be completed");
    expect(runs).toEqual([]);
    const [row] = await queryRows<{ retry_count: number }>(
      sql`select retry_count from pgboss.job where name = 'test.count-runs'`,
    );
    expect(row.retry_count).toBe(0);
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
      await enqueueJob(
        tx,
        countJob,
        { n: 1 },
        { startAfter: later, singletonKey: "only-one", singletonSeconds: 60 },
      ),
      await enqueueJob(tx, countJob, { n: 2 }, { singletonKey: "only-one", singletonSeconds: 60 }),
      await enqueueJob(tx, jobSpec({ name: "test.fresh-queue", payload: countJob.payload }), { n: 3 }),
    ]);
    expect(ids[0]).toEqual(expect.any(String));
    expect(ids[1]).toBeNull();
    expect(ids[2]).toEqual(expect.any(String));
    const rows = await queryRows<{
      name: string;
      data: unknown;
      start_after: Date | string;
      retry_limit: number;
    }>(
      sql`select name, data, start_after, retry_limit from pgboss.job where name like 'test.%' order by name`,
    );
    expect(rows.map((r) => [r.name, r.data])).toEqual([
      ["test.count-runs", { n: 1 }],
      ["test.fresh-queue", { n: 3 }],
    ]);
    expect(new Date(rows[0].start_after).getTime()).toBe(later.getTime());
    // The definition's retry settings travel with the job.
    expect(rows[0].retry_limit).toBe(3);
  });

  it("a scheduled job runs once per cron tick across two instances", async () => {
    const handle = await getDbHandle();
    const started = Date.now();
    // Every minute, checked every second by both instances: without pg-boss's once-per-tick guard
    // each check would send the job again.
    await startRunner(handle, {
      jobs: [tickJob],
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
    });
    await startRunner(handle, {
      jobs: [tickJob],
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
    });
    await waitFor(() => ticks.length > 0, "the first tick");
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const minutes = Math.floor(Date.now() / 60_000) - Math.floor(started / 60_000) + 1;
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(minutes);
    const schedules = await queryRows<{ name: string; cron: string }>(
      sql`select name, cron from pgboss.schedule where name = 'test.tick'`,
    );
    expect(schedules).toEqual([{ name: "test.tick", cron: "* * * * *" }]);
  });
});
