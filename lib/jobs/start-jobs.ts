import { getDbHandle } from "@/db/client";
import { isShuttingDown } from "@/lib/lifecycle/graceful-shutdown";
import { JOBS_CHANNEL } from "./enqueue-job";
import { gathered } from "./gathered";
import type { AnyJobDefinition } from "./registry";
import { type JobRunner, type RunnerOptions, startJobRunner } from "./runner";

// One runner per process, kept on globalThis so dev reloads do not start a second one.
const stateKey = Symbol.for("incident-manager.jobs.runner");
type State = { runner?: Promise<JobRunner>; stopping?: Promise<void> };
const state: State = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {}) as State;

const stopTimeoutMs = () => Number(process.env.JOBS_STOP_TIMEOUT_MS ?? 10_000);
const dispatchGatherMs = () => Number(process.env.DISPATCH_GATHER_MS ?? 50);
const jobsGatherMs = () => Number(process.env.JOBS_WAKE_GATHER_MS ?? 10);

/**
 * Starts this process's workers and schedules (from instrumentation.ts; tests call it explicitly) for
 * every job of lib/jobs/job-list.ts, or the jobs given.
 */
export async function startJobs(
  options: Omit<RunnerOptions, "jobs"> & { jobs?: readonly AnyJobDefinition[] } = {},
): Promise<JobRunner> {
  if (!state.runner) {
    state.runner = (async () => {
      // Loaded here, not at the top: the job list pulls in every feature, which a request never needs.
      const { JOBS } = await import("./job-list");
      const runner = await startJobRunner(await getDbHandle(), { ...options, jobs: options.jobs ?? JOBS });
      // A committed event wakes a dispatch worker, so consumers run within DISPATCH_GATHER_MS rather than
      // at the next poll. The commits of that window are fetched and dispatched together: one wake per
      // commit cost a fetch, a read and a completion per declaration under load.
      const { subscribeChannel, subscribeLive } = await import("@/lib/live/subscribe-live");
      const { dispatchJobSpec } = await import("@/lib/events/dispatch-job-spec");
      const unsubscribeEvents = await subscribeLive(
        gathered(() => runner.wake(dispatchJobSpec.name), dispatchGatherMs()),
      );
      // Any other job queued to run now (a page's mail, a chat post) is fetched on its commit's NOTIFY.
      const wakes = new Map<string, () => void>();
      const unsubscribeJobs = await subscribeChannel(JOBS_CHANNEL, (name) => {
        let wakeJob = wakes.get(name);
        if (!wakeJob) wakes.set(name, (wakeJob = gathered(() => runner.wake(name), jobsGatherMs())));
        wakeJob();
      });
      const unsubscribe = () => (unsubscribeEvents(), unsubscribeJobs());
      return { ...runner, stop: (timeoutMs?: number) => (unsubscribe(), runner.stop(timeoutMs)) };
    })().catch((error) => {
      state.runner = undefined;
      throw error;
    });
  }
  return state.runner;
}

/**
 * For the server: starts the workers now or, while the database is unreachable, every 15 s until it
 * is (jobs wait in the database meanwhile). lib/lifecycle/graceful-shutdown.ts stops them on SIGTERM.
 */
export function startJobsInBackground(): void {
  startJobs().catch((error) => {
    if (isShuttingDown()) return;
    console.error("[jobs] not started, retrying in 15 s:", (error as Error).message);
    setTimeout(startJobsInBackground, 15_000).unref();
  });
}

/** Stops accepting jobs, lets running handlers finish (bounded), closes the queue's connections. */
export async function stopJobs(timeoutMs = stopTimeoutMs()): Promise<void> {
  const pending = state.runner;
  if (!pending) return state.stopping;
  state.runner = undefined;
  state.stopping = pending
    .then((runner) => runner.stop(timeoutMs))
    .catch((error) => console.error("[jobs] stop:", (error as Error).message));
  return state.stopping;
}
