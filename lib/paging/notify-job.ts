import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pageNotifications } from "@/db/paging-schema";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { type ContactPostOptions, postToContact } from "./contacts/post-to-contact";
import { notifyJobSpec } from "./job-specs";
import { type NotifyReport, OPEN_NOTIFICATION as OPEN, prepareNotification } from "./prepare-notification";

const RETRY_LIMIT = notifyJobSpec.options.retryLimit ?? 0;

export type NotifyOptions = ContactPostOptions & {
  /** The queue's retry count of this run (0 = the first); the last run gives up instead of retrying. */
  retryCount?: number;
};
/**
 * Sends one due notification, unless the page was answered meanwhile. The row's status is the
 * paging panel's "delivered / retrying / failed". Mail is handed to the mail queue (its own retries
 * and log, which the panel shows for it). A chat or webhook message is posted after this transaction commits (no HTTP wait while
 * the page is locked); a failed post is recorded as "retrying" and the job throws, so the queue runs
 * it again with backoff, checking the page again first, until its last run records "failed".
 */
export async function sendPageNotification(
  db: Db,
  notificationId: number,
  now: Date,
  options: NotifyOptions = {},
): Promise<NotifyReport> {
  const prepared = await runTransaction(db, (tx) => prepareNotification(tx, notificationId, now));
  if (prepared === null || !("method" in prepared)) return prepared;

  const { method, payload } = prepared;
  const { outcome, statusCode } = await postToContact(method, payload, `pn_${notificationId}`, now, options);
  const run = (options.retryCount ?? 0) + 1;
  const finalRun = (options.retryCount ?? 0) >= RETRY_LIMIT;
  const host = new URL(method.address).host;
  const report: { status: string; detail: string } =
    outcome.kind === "delivered"
      ? { status: "sent", detail: `Posted to ${method.type} at ${host} (answered ${statusCode}).` }
      : outcome.kind === "permanent" || finalRun
        ? {
            status: "failed",
            detail: `${method.type} at ${host}, attempt ${run}: ${outcome.error}${outcome.kind === "retryable" ? " Gave up." : ""}`,
          }
        : { status: "retrying", detail: `${method.type} at ${host}, attempt ${run}: ${outcome.error}` };
  return runTransaction(db, async (tx) => {
    const [current] = await tx
      .select({ status: pageNotifications.status })
      .from(pageNotifications)
      .where(eq(pageNotifications.id, notificationId))
      .for("update");
    // Another run finished it meanwhile (a redelivered job): its record stands.
    if (!current || !OPEN.has(current.status)) return null;
    await tx
      .update(pageNotifications)
      .set({ ...report, sentAt: report.status === "sent" ? now : null })
      .where(eq(pageNotifications.id, notificationId));
    return report;
  });
}

export const notifyJob = defineJob(notifyJobSpec, async (data, { db, retryCount }) => {
  const report = await sendPageNotification(db, data.notificationId, new Date(), { retryCount });
  if (report?.status === "retrying")
    throw new Error(`Page notification ${data.notificationId} not delivered: ${report.detail}`);
});
