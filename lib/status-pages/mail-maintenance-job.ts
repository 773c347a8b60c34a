import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  statusMaintenanceComponents,
  statusMaintenances,
  statusPageComponents,
  statusPages,
  statusPageSubscribers,
} from "@/db/status-pages-schema";
import { authSecret } from "@/lib/auth/auth";
import { runTransaction } from "@/lib/db/run-transaction";
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
    const [maintenance] = await tx
      .select({
        id: statusMaintenances.id,
        title: statusMaintenances.title,
        body: statusMaintenances.body,
        startsAt: statusMaintenances.startsAt,
        endsAt: statusMaintenances.endsAt,
        pageId: statusPages.id,
        pageName: statusPages.name,
        slug: statusPages.slug,
        timeZone: statusPages.timeZone,
      })
      .from(statusMaintenances)
      .innerJoin(statusPages, eq(statusPages.id, statusMaintenances.pageId))
      .where(eq(statusMaintenances.id, data.maintenanceId));
    if (!maintenance) return 0;
    const components = await tx
      .select({ name: statusPageComponents.name })
      .from(statusMaintenanceComponents)
      .innerJoin(statusPageComponents, eq(statusPageComponents.id, statusMaintenanceComponents.componentId))
      .where(eq(statusMaintenanceComponents.maintenanceId, maintenance.id))
      .orderBy(asc(statusPageComponents.position), asc(statusPageComponents.id));
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
    const published = { ...maintenance, components: components.map((c) => c.name) };
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
