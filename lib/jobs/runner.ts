import PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { QUEUE_SCHEMA } from "./enqueue-job";
import { logError } from "@/lib/log-error";
import { type AnyJobDefinition, queuePolicy, queueSettings } from "./registry";
import { pgliteExecutor } from "./sql-executor";

export type RunnerOptions = {
  /** How often an idle worker looks for jobs (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss checks the cron schedules (default 30 s; one instance wins each check). */
  cronMonitorIntervalSeconds?: number;
  /** The jobs to work (lib/jobs/job-list.ts's JOBS in the server). */
  jobs: readonly AnyJobDefinition[];
};

export type JobRunner = {
  boss: PgBoss;
  /** Makes this instance's idle workers of a job look for work now instead of at their next poll. */
  wake: (name: string) => void;
  /** Stops fetching, waits up to `timeoutMs` for running handlers, then closes the queue's connections. */
  stop: (timeoutMs?: number) => Promise<void>;
};

function createBoss(handle: DbHandle, options: RunnerOptions) {
  const common = {
    schema: QUEUE_SCHEMA,
    supervise: true,
    schedule: true,
    migrate: true,
    // Expiry of jobs held by a dead instance happens in this maintenance pass (pg-boss's default is
    // every 120 s); one instance per interval runs it, so 30 s costs a few cheap queries.
    maintenanceIntervalSeconds: 30,
    // pg-boss rejects keys that are present but undefined.
    ...(options.cronMonitorIntervalSeconds
      ? {
          cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
          cronWorkerIntervalSeconds: options.cronMonitorIntervalSeconds,
        }
      : {}),
  };
  if (handle.raw.kind === "pglite") return new PgBoss({ ...common, db: pgliteExecutor(handle.raw.client) });
  // Its own small pool: workers hold connections while polling, the app's pool stays for requests.
  return new PgBoss({
    ...common,
    connectionString: handle.raw.url,
    max: 3,
    application_name: "incident-manager-jobs",
  });
}

/** Starts one queue instance working the given jobs. Every app instance runs one; pg-boss's row locks make each job run once. */
export async function startJobRunner(handle: DbHandle, options: RunnerOptions): Promise<JobRunner> {
  const boss = createBoss(handle, options);
  boss.on("error", (error: Error) => console.error("[jobs]", error.message));
  await boss.start();
  const workerIds = new Map<string, string[]>();
  const busy = new Set<string>();
  // One worker is enough to look: an idle one fetches now; if all are busy, one looks again when done.
  // Waking them all would cost a fetch each, per commit, for a single new job.
  const wake = (name: string) => {
    const ids = workerIds.get(name) ?? [];
    const id = ids.find((candidate) => !busy.has(candidate)) ?? ids[0];
    if (id) boss.notifyWorker(id);
  };
  for (const job of options.jobs) {
    const { expireInSeconds, ...retry } = queueSettings(job.options);
    const queue = { name: job.name, policy: queuePolicy(job.options), ...retry, expireInSeconds };
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue);
    const batch = job.options.batch;
    const workOptions = {
      batchSize: batch?.size ?? 1,
      includeMetadata: true as const,
      pollingIntervalSeconds: job.options.pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? 2,
    };
    for (let i = 0; i < (job.options.concurrency ?? 1); i++) {
      let workerId = "";
      workerId = await boss.work<unknown>(job.name, workOptions, async (items) => {
        busy.add(workerId);
        // A full batch means more may be waiting: an idle sibling looks too, so a burst is worked
        // at the job's concurrency rather than by the one worker a wake-up reached.
        if (items.length >= workOptions.batchSize) wake(job.name);
        try {
          const parsed = items.map((item) => job.payload.safeParse(item.data));
          const bad = parsed.findIndex((result) => !result.success);
          // A payload no handler can read will not become readable on a retry: it is logged and
          // completed, not retried (senders check payloads, so this means a job from older code).
          if (bad >= 0) {
            logError(
              `[jobs] ${job.name}: job ${items[bad].id} has a bad payload, dropped`,
              parsed[bad].error,
            );
            return;
          }
          const datas = parsed.map((result) => result.data);
          const data = batch ? batch.merge(datas) : datas[0];
          const retryCount = Math.max(...items.map((item) => item.retryCount));
          await job.handler(data, { jobId: items[0].id, name: job.name, retryCount, db: handle.db });
        } finally {
          busy.delete(workerId);
          // pg-boss waits a polling interval after every fetch, even a fruitful one; a worker that just
          // took a full batch looks again at once, so a backlog drains at handler speed.
          if (items.length >= workOptions.batchSize) boss.notifyWorker(workerId);
        }
      });
      workerIds.set(job.name, [...(workerIds.get(job.name) ?? []), workerId]);
    }
    // A schedule removed from the code must stop firing, so absent ones are deleted.
    if (job.options.schedule)
      await boss.schedule(job.name, job.options.schedule, null as unknown as object, { tz: "UTC" });
    else await boss.unschedule(job.name);
  }
  return {
    boss,
    wake,
    stop: (timeoutMs = 10_000) => boss.stop({ graceful: true, timeout: timeoutMs, close: true, wait: true }),
  };
}
