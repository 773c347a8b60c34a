// Runs once when the server starts: open the database (which applies migrations) before the first
// request, load the demo into a new embedded database, then start the job workers; SIGTERM drains
// requests and jobs and closes the pool (lib/lifecycle/graceful-shutdown.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb } = await import("./db/client");
  const { ensureDemoData } = await import("./lib/demo/ensure-demo-data");
  try {
    await getDb();
    await ensureDemoData();
  } catch (error) {
    // Another process owns the embedded database: serving anyway would only answer 500s.
    if ((error as Error).name === "DataDirLockedError") {
      console.error(`\n[start] ${(error as Error).message}\n`);
      process.exit(1);
    }
    // Anything else (e.g. PostgreSQL not up yet) is retried on the next request; /api/health reports it.
    const { logError } = await import("./lib/log-error");
    logError("[start] database not ready:", error);
  }
  const { startJobsInBackground, stopJobs } = await import("./lib/jobs/start-jobs");
  const { closeDb } = await import("./db/client");
  const { installGracefulShutdown } = await import("./lib/lifecycle/graceful-shutdown");
  installGracefulShutdown({ stopJobs: () => stopJobs(), closeDatabase: closeDb });
  // JOBS_IN_SERVER=false: the workers run in their own process (`npm run worker`, PostgreSQL only).
  if (process.env.JOBS_IN_SERVER !== "false") startJobsInBackground();
  const { closeStreamsOnShutdown } = await import("./lib/live/event-stream");
  closeStreamsOnShutdown();
}
