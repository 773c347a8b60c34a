import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageSubscribers } from "@/db/status-pages-schema";
import { authSecret } from "@/lib/auth/auth";
import { runTransaction } from "@/lib/db/run-transaction";
import { loadPublishedMaintenance } from "./load-published-maintenance";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import {
  type MailMaintenanceJobData,
  mailMaintenanceJobSpec,
  maintenanceMailKey,
} from "./maintenance-job-specs";
import { maintenanceMail } from "./maintenance-mail";
import { hashSubscriberToken, unsubscribeTokenOf } from "./subscriber-tokens";

/**
 * Mails one chunk of a maintenance event's subscribers in one transaction, as mailUpdateChunk does
 * for public updates: the key (maintenance, kind, subscriber) makes a rerun queue nothing, and
 * whoever unsubscribed since the fan-out is skipped. Returns how many mails were new.
 */
export async function mailMaintenanceChunk(db: Db, data: MailMaintenanceJobData): Promise<number> {
  const secret = await authSecret(db);
  return runTransaction(db, async (tx) => {
    const maintenance = await loadPublishedMaintenance(tx, data.maintenanceId);
    if (!maintenance) return 0;
    const subscribers = await tx
      .select({
        id: statusPageSubscribers.id,
        email: statusPageSubscribers.email,
        tokenHash: statusPageSubscribers.unsubscribeTokenHash,
      })
      .from(statusPageSubscribers)
      .where(
        and(
          inArray(statusPageSubscribers.id, data.subscriberIds),
          eq(statusPageSubscribers.pageId, maintenance.pageId),
          eq(statusPageSubscribers.status, "confirmed"),
        ),
      );
    const published = maintenance;
    const mails = subscribers.map((subscriber) => ({
      subscriber,
      token: unsubscribeTokenOf(secret, subscriber.id),
    }));
    // As for updates: a subscriber from before derived tokens gets the link this mail carries.
    for (const { subscriber, token } of mails)
      if (hashSubscriberToken(token) !== subscriber.tokenHash)
        await tx
          .update(statusPageSubscribers)
          .set({ unsubscribeTokenHash: hashSubscriberToken(token) })
          .where(eq(statusPageSubscribers.id, subscriber.id));
    const now = new Date();
    const enqueued = await enqueueMails(
      tx,
      mails.map(({ subscriber, token }) => ({
        input: maintenanceMail(published, data.kind, subscriber.email, token),
        options: {
          key: maintenanceMailKey(maintenance.id, data.kind, subscriber.id),
          thread: `status-maintenance:${maintenance.id}:${subscriber.id}`,
          now,
        },
      })),
      { bulk: true },
    );
    return enqueued.filter((mail) => mail.created).length;
  });
}

export const mailMaintenanceJob = defineJob(mailMaintenanceJobSpec, async (data, { db }) => {
  await mailMaintenanceChunk(db, data);
});
