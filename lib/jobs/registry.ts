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

export type JobDefinition<T = unknown> = { name: string; handler: JobHandler<T>; options: JobOptions<T> };
// Lists of definitions hold jobs of different data types; the queue hands each its own data back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

// Module reloads in dev must not lose definitions, so the registry hangs off globalThis.
const registryKey = Symbol.for("incident-manager.jobs.registry");
const registry: Map<string, AnyJobDefinition> = ((globalThis as Record<symbol, unknown>)[registryKey] ??=
  new Map()) as Map<string, AnyJobDefinition>;

const NAME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/**
 * Declares a job: its name (`<domain>.<verb-noun>`, e.g. `alerts.evaluate-rules`), its handler and
 * options. Call at module level in the feature's own folder and list the module in lib/jobs/handlers.ts.
 * Handlers must tolerate running twice (a crash after the work but before completion redelivers it).
 */
export function defineJob<T = Record<string, unknown>>(
  name: string,
  handler: JobHandler<T>,
  options: JobOptions<T> = {},
): JobDefinition<T> {
  if (!NAME.test(name)) throw new Error(`Job name "${name}" must look like "domain.verb-noun".`);
  const definition: JobDefinition<T> = { name, handler, options };
  registry.set(name, definition);
  return definition;
}

export const registerJobHandler = defineJob;

export function getJobDefinition(name: string): AnyJobDefinition | undefined {
  return registry.get(name);
}

export function listJobDefinitions(): AnyJobDefinition[] {
  return [...registry.values()];
}

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
