import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  publicIncidents,
  publicIncidentUpdates,
  statusPages,
  statusPageSubscribers,
} from "@/db/status-pages-schema";
import { authSecret } from "@/lib/auth/auth";
import { runTransaction } from "@/lib/db/run-transaction";
import { defineJob } from "@/lib/jobs/registry";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import { type MailUpdateJobData, mailUpdateJobSpec, updateMailKey } from "./mail-update-job-spec";
import { hashSubscriberToken, unsubscribeTokenOf } from "./subscriber-tokens";
import { updateMail } from "./update-mail";

/**
 * Mails one chunk of an update's subscribers, in one transaction: their mails and send jobs commit
 * together or not at all. The mail's dedupe key makes a rerun (a redelivered job, a second
 * instance) find the mails it made and queue nothing; a subscriber who unsubscribed since the
 * fan-out is skipped. Returns how many mails were new.
 */
export async function mailUpdateChunk(db: Db, data: MailUpdateJobData): Promise<number> {
  const secret = await authSecret(db);
  return runTransaction(db, async (tx) => {
    const [update] = await tx
      .select({
        id: publicIncidentUpdates.id,
        publicIncidentId: publicIncidentUpdates.publicIncidentId,
        title: publicIncidentUpdates.title,
        phase: publicIncidentUpdates.phase,
        body: publicIncidentUpdates.body,
        createdAt: publicIncidentUpdates.createdAt,
        pageId: statusPages.id,
        pageName: statusPages.name,
        slug: statusPages.slug,
      })
      .from(publicIncidentUpdates)
      .innerJoin(publicIncidents, eq(publicIncidents.id, publicIncidentUpdates.publicIncidentId))
      .innerJoin(statusPages, eq(statusPages.id, publicIncidents.pageId))
      .where(eq(publicIncidentUpdates.id, data.updateId));
    if (!update) return 0; // The page or incident was deleted since: nobody to tell.
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
          eq(statusPageSubscribers.pageId, update.pageId),
          eq(statusPageSubscribers.status, "confirmed"),
        ),
      );
    const mails = subscribers.map((subscriber) => {
      const token = unsubscribeTokenOf(secret, subscriber.id);
      return { subscriber, token, stale: hashSubscriberToken(token) !== subscriber.tokenHash };
    });
    // A subscriber from before derived tokens (or a rotated secret) gets the link this mail carries.
    for (const { subscriber, token } of mails.filter((m) => m.stale))
      await tx
        .update(statusPageSubscribers)
        .set({ unsubscribeTokenHash: hashSubscriberToken(token) })
        .where(eq(statusPageSubscribers.id, subscriber.id));
    const now = new Date();
    const enqueued = await enqueueMails(
      tx,
      mails.map(({ subscriber, token }) => ({
        input: updateMail(update, subscriber.email, token),
        options: {
          key: updateMailKey(update.id, subscriber.id),
          // Per subscriber: their mails of one public incident thread and go out in order, while
          // 10,000 subscribers' mails do not queue behind each other.
          thread: `status-incident:${update.publicIncidentId}:${subscriber.id}`,
          now,
        },
      })),
      { bulk: true },
    );
    return enqueued.filter((mail) => mail.created).length;
  });
}

export const mailUpdateJob = defineJob(mailUpdateJobSpec, async (data, { db }) => {
  await mailUpdateChunk(db, data);
});
