import { getDbHandle } from "@/db/client";
import { type JobRunner, type RunnerOptions, startJobRunner } from "./runner";

// One runner per process, kept on globalThis so dev reloads do not start a second one.
const stateKey = Symbol.for("incident-manager.jobs.runner");
type State = { runner?: Promise<JobRunner>; stopping?: Promise<void>; signals?: boolean };
const state: State = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {}) as State;

const stopTimeoutMs = () => Number(process.env.JOBS_STOP_TIMEOUT_MS ?? 10_000);

/**
 * Starts this process's workers and schedules (from instrumentation.ts; tests call it explicitly).
 * Loads every feature's job and consumer definitions first (lib/jobs/handlers.ts).
 */
export async function startJobs(options: RunnerOptions & { handleSignals?: boolean } = {}): Promise<JobRunner> {
  if (!state.runner) {
    state.runner = (async () => {
      await import("./handlers");
      const runner = await startJobRunner(await getDbHandle(), options);
      // A committed event wakes the dispatch workers, so consumers run at once rather than at the next poll.
      const { subscribeLive } = await import("@/lib/events/live");
      const { DISPATCH_JOB } = await import("@/lib/events/dispatch-events");
      const unsubscribe = await subscribeLive(() => runner.wake(DISPATCH_JOB));
      return { ...runner, stop: (timeoutMs?: number) => (unsubscribe(), runner.stop(timeoutMs)) };
    })().catch((error) => {
      state.runner = undefined;
      throw error;
    });
  }
  if (options.handleSignals && !state.signals) {
    state.signals = true;
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopJobsBeforeExit());
  }
  return state.runner;
}

/**
 * For the server: starts the workers now or, while the database is unreachable, every 15 s until it
 * is (jobs wait in the database meanwhile). Signals stop them gracefully.
 */
export function startJobsInBackground(): void {
  startJobs({ handleSignals: true }).catch((error) => {
    console.error("[jobs] not started, retrying in 15 s:", (error as Error).message);
    setTimeout(startJobsInBackground, 15_000).unref();
  });
}

/** Stops accepting jobs, lets running handlers finish (bounded), closes the queue's connections. */
export async function stopJobs(timeoutMs = stopTimeoutMs()): Promise<void> {
  const pending = state.runner;
  if (!pending) return state.stopping;
  state.runner = undefined;
  state.stopping = pending.then((runner) => runner.stop(timeoutMs)).catch((error) => console.error("[jobs] stop:", (error as Error).message));
  return state.stopping;
}

/**
 * Next's own signal handler closes the HTTP server and then calls process.exit; holding that exit
 * until the workers have stopped (at most the stop timeout) lets a running job finish instead of
 * being cut off and retried after its expiry.
 */
function stopJobsBeforeExit() {
  const stopped = stopJobs();
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    void Promise.resolve(stopped).finally(() => exit(code));
  }) as typeof process.exit;
}
