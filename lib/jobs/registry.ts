import { z } from "zod";
import type { Db } from "@/db/client";

export type JobContext = { jobId: string; name: string; retryCount: number; db: Db };
export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

export type JobOptions<T = unknown> = {
  /** Attempts after the first failure (default 3). */
  retryLimit?: number;
  /** Seconds before a retry (default 5); doubled per attempt with `retryBackoff`. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /**
   * A job still active after this long is failed (and retried): the handler's time budget, and also
   * how long a job held by an instance that died (SIGKILL, lost machine) waits before another
   * instance takes it over (plus up to the queue's 30 s maintenance interval). Default 120 s.
   */
  expireInSeconds?: number;
  /** Cron expression (UTC). pg-boss sends one job per tick across all instances. */
  schedule?: string;
  /**
   * How often an idle worker looks for due jobs, overriding the runner's (pg-boss's minimum is 0.5 s):
   * the bound on a timer's lateness. Jobs due now are fetched on their commit's NOTIFY regardless.
   */
  pollingIntervalSeconds?: number;
  /** Jobs of this name handled at once by one instance (default 1). */
  concurrency?: number;
  /** "singleton": at most one job of this name runs at a time across all instances (rule evaluation). */
  policy?: "standard" | "singleton";
  /**
   * Up to this many queued jobs are taken at once and handed to the handler as ONE job whose data is
   * `merge(datas)`; they complete or fail (and retry) together. For jobs whose work is cheaper in
   * bulk (event dispatch), so a burst costs one fetch and one completion, not one per job.
   */
  batch?: { size: number; merge: (items: T[]) => T };
};

/** What a sender needs: the name, the payload's schema and the queue settings (no handler). */
export type JobSpec<T = unknown> = { name: string; payload: z.ZodType<T>; options: JobOptions<T> };
export type JobDefinition<T = unknown> = JobSpec<T> & { handler: JobHandler<T> };
// Lists of definitions hold jobs of different data types; the queue hands each its own data back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

const NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * A job's name (`<domain>.<verb-noun>`, e.g. `alerts.evaluate-rules`), payload schema and options,
 * apart from its handler: senders import the spec without loading the handler's code (and without
 * import circles: the dispatch handler needs every consumer, which send jobs themselves).
 */
export function jobSpec<T>(spec: {
  name: string;
  payload: z.ZodType<T>;
  options?: JobOptions<T>;
}): JobSpec<T> {
  if (!NAME.test(spec.name)) throw new Error(`Job name "${spec.name}" must look like "domain.verb-noun".`);
  return { name: spec.name, payload: spec.payload, options: spec.options ?? {} };
}

/**
 * A job the workers run: a spec and its handler. List it in lib/jobs/job-list.ts (JOBS), which is
 * what the runner works. Handlers must tolerate running twice (a crash after the work but before
 * completion redelivers it).
 */
export function defineJob<T>(
  spec: JobSpec<T> | { name: string; payload: z.ZodType<T>; options?: JobOptions<T> },
  handler: JobHandler<T>,
): JobDefinition<T> {
  return { ...jobSpec(spec), handler };
}

/** A schema for jobs that carry no data (scheduled ticks send null). */
export const noPayload = z.unknown();

/** Short, so a dead instance's jobs are picked up within about two minutes (docs/scaling.md). */
export const DEFAULT_EXPIRE_SECONDS = 120;

/** pg-boss queue settings from a definition (used when creating the queue and on each send). */
export function queueSettings(options: Omit<JobOptions, "batch"> = {}) {
  return {
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: options.retryBackoff ?? true,
    expireInSeconds: options.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
  };
}

export function queuePolicy(options: Omit<JobOptions, "batch"> = {}) {
  return options.policy ?? "standard";
}
