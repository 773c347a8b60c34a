import { sql } from "drizzle-orm";
import { expect } from "vitest";
import * as maintenanceRoute from "@/app/api/status-pages/[id]/maintenances/[maintenanceId]/route";
import * as maintenancesRoute from "@/app/api/status-pages/[id]/maintenances/route";
import * as subscribeRoute from "@/app/status/[slug]/subscribe/route";
import * as confirmRoute from "@/app/status/[slug]/subscription/confirm/route";
import { getDb } from "@/db/client";
import { advanceMaintenance } from "@/lib/status-pages/advance-maintenance-job";
import type { AdvanceMaintenanceJobData } from "@/lib/status-pages/maintenance-job-specs";
import { runConsumers } from "./consumers";
import { call, type CallOptions, queryRows } from "./harness";
import { runQueued } from "./run-queued";
import { post } from "./status-pages";

// Helpers of tests/integration/status-maintenance.test.ts: its API calls, its timers run by hand,
// and subscribers of the page "acme".

export const HOUR = 3_600_000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

export const schedule = (pageId: string, body: Record<string, unknown>, options: CallOptions = {}) =>
  post(maintenancesRoute.POST, `/api/status-pages/${pageId}/maintenances`, body, {
    params: { id: pageId },
    ...options,
  });
export const patch = (pageId: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(maintenanceRoute.PATCH, `/api/status-pages/${pageId}/maintenances/${id}`, {
    method: "PATCH",
    body,
    headers,
    params: { id: pageId, maintenanceId: id },
  });
export const getOne = (pageId: string, id: string) =>
  call(maintenanceRoute.GET, `/api/status-pages/${pageId}/maintenances/${id}`, {
    params: { id: pageId, maintenanceId: id },
  });

/** The queued timers of a step, run as the worker would when they come due; answers what each did. */
export async function runTimers(step: AdvanceMaintenanceJobData["step"]): Promise<string[]> {
  const queued = await queryRows<{ id: string; data: AdvanceMaintenanceJobData }>(
    sql`select id, data from pgboss.job where name = 'status-pages.advance-maintenance'
        and state = 'created' and data->>'step' = ${step} order by created_on, id`,
  );
  const db = await getDb();
  const did: string[] = [];
  for (const { id, data } of queued) {
    await db.execute(sql`update pgboss.job set state = 'completed' where id = ${id}`);
    did.push(await advanceMaintenance(db, data));
  }
  return did;
}
/** A redelivery: the same timer's data run again. */
export const timerData = async (step: string) =>
  (
    await queryRows<{ data: AdvanceMaintenanceJobData }>(
      sql`select data from pgboss.job where name = 'status-pages.advance-maintenance' and data->>'step' = ${step}`,
    )
  ).map((row) => row.data);

/** Mails queued for maintenance, by kind: the events' fan-out and the chunk jobs run first. */
export async function maintenanceMails() {
  await runConsumers();
  await runQueued("status-pages.mail-maintenance");
  return queryRows<{ to: string; subject: string; text: string; dedupe_key: string }>(
    sql`select "to", subject, text, dedupe_key from mail_messages
        where dedupe_key like 'status-maintenance:%' order by "to", dedupe_key`,
  );
}

let ip = 10;
export const subscribe = (fields: [string, string][]) =>
  call(subscribeRoute.POST, "/status/acme/subscribe", {
    method: "POST",
    as: "anonymous",
    rawBody: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `203.0.113.${ip++}` },
    params: { slug: "acme" },
  });
export async function confirmed(email: string, fields: [string, string][] = []) {
  expect((await subscribe([["email", email], ...fields])).status).toBe(200);
  const [mail] = await queryRows<{ text: string }>(sql`select text from mail_messages where "to" = ${email}`);
  const link = new URL(/https?:\/\/\S+confirm\?token=\S+/.exec(mail.text)![0]);
  const res = await call(confirmRoute.GET, link.pathname + link.search, {
    as: "anonymous",
    params: { slug: "acme" },
  });
  expect(res.status).toBe(200);
}
