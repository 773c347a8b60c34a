import type { Db } from "@/db/client";
import { defineJob, noPayload } from "./registry";

export type MaintenanceTask = { name: string; run: (db: Db, now: Date) => Promise<unknown> };

/**
 * A purge (or other housekeeping) run every 10 minutes by one instance; it must be idempotent. List it
 * in lib/jobs/job-list.ts (MAINTENANCE_TASKS).
 */
export function defineMaintenance(name: string, run: MaintenanceTask["run"]): MaintenanceTask {
  return { name, run };
}

/** Runs every task; one failing does not stop the others, but fails the job so it shows in the queue. */
export async function runMaintenance(
  db: Db,
  tasks: readonly MaintenanceTask[],
  now = new Date(),
): Promise<void> {
  const failures: string[] = [];
  for (const task of tasks) {
    try {
      await task.run(db, now);
    } catch (error) {
      failures.push(`${task.name}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`Maintenance failed: ${failures.join("; ")}`);
}

/** The scheduled job that runs the given tasks. */
export const maintenanceJobFor = (tasks: readonly MaintenanceTask[]) =>
  defineJob(
    {
      name: "jobs.run-maintenance",
      payload: noPayload,
      options: {
        schedule: "*/10 * * * *",
        // The next tick retries anyway.
        retryLimit: 0,
        expireInSeconds: 5 * 60,
      },
    },
    (_data, { db }) => runMaintenance(db, tasks),
  );
