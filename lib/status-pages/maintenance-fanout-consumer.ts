import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageSubscribers, statusWebhookSubscribers } from "@/db/status-pages-schema";
import { defineEventConsumer } from "@/lib/events/consumers";
import type { EventType, StoredEvent } from "@/lib/events/event-types";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { wantsUpdate } from "./fanout-consumer";
import { hookMaintenanceJobSpec } from "./hook-job-specs";
import { FANOUT_CHUNK } from "./mail-update-job-spec";
import { mailMaintenanceJobSpec, type MaintenanceMailKind } from "./maintenance-job-specs";
import { maintenanceComponentIds } from "./maintenance-transitions";

export const MAINTENANCE_FANOUT_CONSUMER = "status-pages.maintenance-fanout";

const KIND_OF = {
  "maintenance.scheduled": "scheduled",
  "maintenance.reminder_due": "reminder",
  "maintenance.started": "started",
  "maintenance.completed": "completed",
  "maintenance.cancelled": "cancelled",
} as const satisfies Partial<Record<EventType, MaintenanceMailKind>>;

/**
 * Splits one maintenance event's audience into chunk jobs, like fanOutUpdate (decision 0117): the
 * page's confirmed subscribers whose choice names one of the maintenance's components (no choice:
 * all). Only ids are read here, in the consumption mark's transaction.
 */
export async function fanOutMaintenance(tx: Db, event: StoredEvent): Promise<number> {
  const kind = KIND_OF[event.type as keyof typeof KIND_OF];
  const payload = event.payload as { maintenanceId?: unknown; pageId?: unknown };
  if (!kind || typeof payload.maintenanceId !== "string" || typeof payload.pageId !== "string") return 0;
  const components = new Set(await maintenanceComponentIds(tx, payload.maintenanceId));
  if (components.size === 0) return 0; // Deleted with its page.
  const subscribers = await tx
    .select({ id: statusPageSubscribers.id, choice: statusPageSubscribers.componentIds })
    .from(statusPageSubscribers)
    .where(
      and(eq(statusPageSubscribers.pageId, payload.pageId), eq(statusPageSubscribers.status, "confirmed")),
    )
    .orderBy(asc(statusPageSubscribers.id));
  const ids = subscribers.filter((s) => wantsUpdate(s.choice, components)).map((s) => s.id);
  const chunks = [];
  for (let i = 0; i < ids.length; i += FANOUT_CHUNK)
    chunks.push({
      payload: { maintenanceId: payload.maintenanceId, kind, subscriberIds: ids.slice(i, i + FANOUT_CHUNK) },
    });
  await enqueueJobs(tx, mailMaintenanceJobSpec, chunks);
  // The same audience rule for webhook and chat subscribers (decision 0124).
  const hooks = await tx
    .select({ id: statusWebhookSubscribers.id, choice: statusWebhookSubscribers.componentIds })
    .from(statusWebhookSubscribers)
    .where(
      and(
        eq(statusWebhookSubscribers.pageId, payload.pageId),
        eq(statusWebhookSubscribers.status, "confirmed"),
      ),
    )
    .orderBy(asc(statusWebhookSubscribers.id));
  const hookIds = hooks.filter((s) => wantsUpdate(s.choice, components)).map((s) => s.id);
  const hookChunks = [];
  for (let i = 0; i < hookIds.length; i += FANOUT_CHUNK)
    hookChunks.push({
      payload: {
        maintenanceId: payload.maintenanceId,
        kind,
        subscriberIds: hookIds.slice(i, i + FANOUT_CHUNK),
      },
    });
  await enqueueJobs(tx, hookMaintenanceJobSpec, hookChunks);
  return ids.length + hookIds.length;
}

export const maintenanceFanoutConsumer = defineEventConsumer({
  name: MAINTENANCE_FANOUT_CONSUMER,
  types: Object.keys(KIND_OF) as (keyof typeof KIND_OF)[],
  consume: async (tx, event) => {
    await fanOutMaintenance(tx, event);
  },
});
