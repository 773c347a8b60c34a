// What SIGTERM (or Ctrl-C) does to a running server. `next start` already stops accepting
// connections and waits for the requests in flight (http.Server#close), then calls process.exit.
// That exit is held here until the job workers have finished (bounded by JOBS_STOP_TIMEOUT_MS) and
// the database pool is closed; a clean drain then exits 0. Requests that never end (live streams)
// are told to finish through onShutdown, and SHUTDOWN_TIMEOUT_MS bounds the whole drain.

type Cleanup = () => void;
type State = { installed?: boolean; shuttingDown?: boolean; listeners: Set<Cleanup> };
const stateKey = Symbol.for("incident-manager.lifecycle.shutdown");
const state: State = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {
  listeners: new Set(),
}) as State;

export const shutdownTimeoutMs = (env: Record<string, string | undefined> = process.env) => {
  const raw = env.SHUTDOWN_TIMEOUT_MS?.trim();
  const value = raw ? Number(raw) : 30_000;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a positive whole number of milliseconds, not "${raw}".`);
  return value;
};

/** True once a shutdown signal arrived: background work should not start anything new. */
export function isShuttingDown(): boolean {
  return state.shuttingDown === true;
}

/**
 * Runs `listener` when the server starts shutting down (at once if it already is). For requests that
 * would otherwise never end, such as a live event stream: it closes, the client reconnects through
 * the load balancer to another instance. Returns the unsubscribe function.
 */
export function onShutdown(listener: Cleanup): () => void {
  if (state.shuttingDown) {
    listener();
    return () => {};
  }
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

export type ShutdownSteps = {
  /** Stops the job workers, letting running handlers finish (bounded). */
  stopJobs: () => Promise<void>;
  /** Closes the database pool (after requests and jobs no longer need it). */
  closeDatabase: () => Promise<void>;
};

/** Installs the signal handlers once per process (instrumentation.ts, server only). */
export function installGracefulShutdown(steps: ShutdownSteps, timeoutMs = shutdownTimeoutMs()): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => beginShutdown(signal, steps, timeoutMs));
}

function beginShutdown(signal: NodeJS.Signals, steps: ShutdownSteps, timeoutMs: number) {
  if (state.shuttingDown) return;
  state.shuttingDown = true;
  console.log(`[shutdown] ${signal}: finishing requests in flight and running jobs`);
  for (const listener of state.listeners) {
    try {
      listener();
    } catch (error) {
      console.error("[shutdown] listener:", (error as Error).message);
    }
  }
  state.listeners.clear();
  // Jobs stop in parallel with the HTTP drain; the pool closes only after both.
  const jobsStopped = steps
    .stopJobs()
    .catch((error) => console.error("[shutdown] jobs:", (error as Error).message));
  const exit = process.exit.bind(process);
  let exiting = false;
  const finish = (code: number) => {
    if (exiting) return;
    exiting = true;
    void jobsStopped
      .then(() => steps.closeDatabase())
      .catch((error) => console.error("[shutdown] database:", (error as Error).message))
      .finally(() => {
        console.log(`[shutdown] done${code === 0 ? "" : ` (exit ${code})`}`);
        exit(code);
      });
  };
  // Next calls process.exit(128 + signal) once its HTTP server has drained: that is a clean stop.
  process.exit = ((code?: number | string | null) => {
    const n = Number(code ?? 0);
    finish(n === 143 || n === 130 ? 0 : n);
  }) as typeof process.exit;
  const timer = setTimeout(() => {
    console.error(
      `[shutdown] requests still open after ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting anyway`,
    );
    finish(1);
  }, timeoutMs);
  timer.unref();
}
