// `npm run worker`: the job workers (event consumers, paging timers, mail, webhooks) in a process of
// their own, beside servers started with JOBS_IN_SERVER=false, on the PostgreSQL in DATABASE_URL.
// The server's one thread then only answers requests: under an alert storm the pages are not queued
// behind the ingest (decision 0111).
import { closeDb, getDb } from "@/db/client";
import { startJobsInBackground, stopJobs } from "@/lib/jobs/start-jobs";

if (!process.env.DATABASE_URL?.trim()) {
  console.error("[worker] DATABASE_URL is required: the embedded database serves one process.");
  process.exit(2);
}
await getDb();
startJobsInBackground();
console.log("[worker] job workers started");
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => {
    console.log(`[worker] ${signal}: finishing running jobs`);
    void stopJobs()
      .then(() => closeDb())
      .finally(() => process.exit(0));
  });
