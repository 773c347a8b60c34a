import type { Db } from "@/db/client";
import { defineJob } from "./registry";

export type MaintenanceTask = (db: Db, now: Date) => Promise<unknown>;

const tasksKey = Symbol.for("incident-manager.jobs.maintenance");
const tasks: Map<string, MaintenanceTask> = ((globalThis as Record<symbol, unknown>)[tasksKey] ??=
  new Map()) as Map<string, MaintenanceTask>;

/** Adds a purge (or other housekeeping) run every 10 minutes by one instance. It must be idempotent. */
export function registerMaintenance(name: string, task: MaintenanceTask): void {
  tasks.set(name, task);
}

export function listMaintenance(): string[] {
  return [...tasks.keys()];
}

/** Runs every task; one failing does not stop the others, but fails the job so it shows in the queue. */
export async function runMaintenance(db: Db, now = new Date()): Promise<void> {
  const failures: string[] = [];
  for (const [name, task] of tasks) {
    try {
      await task(db, now);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  if (failures.length) throw new Error(`Maintenance failed: ${failures.join("; ")}`);
}

export const maintenanceJob = defineJob("jobs.run-maintenance", (_data, { db }) => runMaintenance(db), {
  schedule: "*/10 * * * *",
  // The next tick retries anyway.
  retryLimit: 0,
  expireInSeconds: 5 * 60,
});
