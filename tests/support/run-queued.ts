import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { JOBS } from "@/lib/jobs/job-list";
import { queryRows } from "./harness";

/**
 * Runs every queued job of `name` once, oldest first, as a worker would (ignoring `startAfter`: the
 * test is the clock); answers how many ran. Each is marked completed first, so none runs twice.
 */
export async function runQueued(name: string): Promise<number> {
  const db = await getDb();
  const job = JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`No job named ${name} in JOBS`);
  const queued = await queryRows<{ id: string; data: unknown }>(
    sql`select id, data from pgboss.job where name = ${name} and state = 'created' order by created_on, id`,
  );
  for (const { id, data } of queued) {
    await db.execute(sql`update pgboss.job set state = 'completed' where id = ${id}`);
    await job.handler(job.payload.parse(data), { jobId: id, name, retryCount: 0, db });
  }
  return queued.length;
}
