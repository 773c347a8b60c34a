import PgBoss from "pg-boss";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type JobSpec, queuePolicy, queueSettings } from "./registry";
import { drizzleExecutor, type SqlExecutor, sqlFromPgBoss } from "./sql-executor";

export const QUEUE_SCHEMA = "pgboss";
/** The NOTIFY of a job due now (its payload is the job's name): workers fetch it at once, not at their next poll. */
export const JOBS_CHANNEL = "jobs_ready";

// Never started and never connected: it only builds pg-boss's insert, which runs on the caller's
// transaction through `db`.
const sender = new PgBoss({
  schema: QUEUE_SCHEMA,
  db: {
    executeSql: async () => {
      throw new Error("The job sender has no connection of its own; pass the transaction.");
    },
  },
});

export type EnqueueOptions = {
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /** At most one queued job per key and `singletonSeconds` window (pg-boss throttling). */
  singletonKey?: string;
  singletonSeconds?: number;
  priority?: number;
  /**
   * Wake the workers on commit (default: when due now). The dispatch of events is woken by their own
   * live NOTIFY (lib/jobs/start-jobs.ts), so recordEvents passes false.
   */
  wake?: boolean;
};

/**
 * Queues a job INSIDE the caller's transaction: it is inserted, and so runs, only if that transaction
 * commits. The payload is checked against the job's schema here, so a bad one fails the sender, not a
 * worker later. Returns the job id, or null when a singleton option suppressed a duplicate.
 */
export async function enqueueJob<T>(
  tx: Db,
  job: JobSpec<T>,
  payload: T,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const data = job.payload.parse(payload);
  const db = drizzleExecutor(tx);
  const settings = queueSettings(job.options);
  const { wake = isDueNow(options.startAfter), ...sendOptions } = options;
  const send = () => sender.send(job.name, (data ?? null) as object, { ...sendOptions, ...settings, db });
  let id = await send();
  if (id === null && !(await queueExists(db, job.name))) {
    // pg-boss drops jobs for unknown queues silently. Creating it here (in the caller's transaction)
    // covers a job enqueued before any worker start created its queue.
    await createQueue(db, job.name, queuePolicy(job.options));
    id = await send();
  }
  // PostgreSQL delivers it on commit, once per name and transaction however many jobs were queued.
  if (id !== null && wake) await db.executeSql("SELECT pg_notify($1, $2)", [JOBS_CHANNEL, job.name]);
  return id;
}

/**
 * Queues many jobs of one kind in ONE statement of the caller's transaction (pg-boss's bulk insert):
 * what a step run for a thousand pages at once queues (their mails, their next timers). Payloads are
 * checked as for enqueueJob; singleton options are not supported here.
 */
export async function enqueueJobs<T>(
  tx: Db,
  job: JobSpec<T>,
  items: { payload: T; startAfter?: Date }[],
): Promise<number> {
  if (items.length === 0) return 0;
  const db = drizzleExecutor(tx);
  const { retryLimit, retryDelay, retryBackoff, expireInSeconds } = queueSettings(job.options);
  const rows = items.map((item) => ({
    name: job.name,
    data: (job.payload.parse(item.payload) ?? null) as object,
    // pg-boss reads an ISO time ending in Z as a timestamp, anything else as an interval.
    startAfter: item.startAfter?.toISOString(),
    retryLimit,
    retryDelay,
    retryBackoff,
    expireInSeconds,
  }));
  // pg-boss's bulk insert answers nothing and drops jobs of a queue that does not exist: one cheap
  // look per call (not per job) creates it first.
  if (!(await queueExists(db, job.name))) await createQueue(db, job.name, queuePolicy(job.options));
  await sender.insert(rows, { db });
  if (items.some((item) => isDueNow(item.startAfter)))
    await db.executeSql("SELECT pg_notify($1, $2)", [JOBS_CHANNEL, job.name]);
  return rows.length;
}

const isDueNow = (startAfter: EnqueueOptions["startAfter"]) =>
  startAfter === undefined ||
  (startAfter instanceof Date ? startAfter.getTime() <= Date.now() : startAfter <= 0);

const captured = new Map<string, Promise<{ text: string; values: unknown[] }>>();

/**
 * The insert pg-boss sends for one job of `job`, as SQL for a statement of the caller's own (a CTE),
 * with the job's data given as SQL: the declaration queues the dispatch of its events in the very
 * statement that draws their ids. It is pg-boss's own statement, captured once per job (its other
 * values are the job's fixed settings), so the queue's policy and retry settings apply as to any
 * send. It returns the job's `id`, and inserts nothing while the queue does not exist: the caller
 * then falls back to enqueueJob, which creates it.
 */
export async function jobInsertWithData<T>(job: JobSpec<T>, data: SQL): Promise<SQL> {
  let capture = captured.get(job.name);
  if (!capture) {
    capture = captureInsert(job);
    captured.set(job.name, capture);
  }
  const { text, values } = await capture;
  return sqlFromPgBoss(text, values, { 3: data });
}

async function captureInsert<T>(job: JobSpec<T>) {
  let seen: { text: string; values: unknown[] } | undefined;
  const db: SqlExecutor = {
    executeSql: async (text, values = []) => {
      seen = { text, values };
      return { rows: [{ id: null }] };
    },
  };
  await sender.send(job.name, {}, { ...queueSettings(job.options), db });
  // The data is the third parameter of pg-boss 10's insert; a release that moves it must fail here, loudly.
  if (!seen || !/\$3::jsonb as data/.test(seen.text))
    throw new Error("pg-boss's job insert no longer takes its data as $3::jsonb.");
  return seen;
}

async function queueExists(db: SqlExecutor, name: string) {
  const { rows } = await db.executeSql(`SELECT 1 FROM ${QUEUE_SCHEMA}.queue WHERE name = $1`, [name]);
  return rows.length > 0;
}

async function createQueue(db: SqlExecutor, name: string, policy: string) {
  await db.executeSql(`SELECT ${QUEUE_SCHEMA}.create_queue($1, $2)`, [name, JSON.stringify({ policy })]);
}
