import type { Db } from "@/db/client";
import { statusMaintenanceComponents, statusMaintenances } from "@/db/status-pages-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { componentsOfPage } from "./component-statuses";
import { maintenanceView } from "./get-maintenance";
import { lockStatusPage } from "./lock-status-page";
import { type MaintenanceView, ScheduleMaintenanceInput } from "./maintenance-schemas";
import { queueMaintenanceTimers, recordMaintenanceEvent } from "./maintenance-transitions";
import { rememberSnapshots } from "./snapshot-cache";
import { newStatusPageId } from "./status-page-ids";

/** A window that has already ended announces nothing and would complete at once: the caller's mistake. */
export function refuseEndedWindow(endsAt: Date, now: Date): void {
  if (endsAt <= now)
    throw validationError([{ path: "endsAt", message: "This window has already ended; give a future end." }]);
}

/**
 * Schedules maintenance of some of a page's components. Its timers (reminder, start, end) are queued
 * in the same transaction, and `maintenance.scheduled` tells its subscribers. A window that has
 * already begun starts as soon as its start timer runs.
 */
export async function scheduleMaintenance(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<MaintenanceView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(ScheduleMaintenanceInput, rawInput);
  const { id, snapshot } = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const now = clock(options);
    refuseEndedWindow(input.endsAt, now);
    await componentsOfPage(tx, pageId, input.components, (index) => `components.${index}`);
    const [row] = await tx
      .insert(statusMaintenances)
      .values({
        id: newStatusPageId("spm"),
        pageId,
        title: input.title,
        body: input.body,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        remindMinutesBefore: input.remindMinutesBefore,
        state: "scheduled",
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(statusMaintenanceComponents)
      .values(input.components.map((componentId) => ({ maintenanceId: row.id, componentId })));
    await queueMaintenanceTimers(tx, row, now);
    await recordAuditEvent(tx, actor, {
      action: "status_maintenance.scheduled",
      target: { type: "status_maintenance", id: row.id, name: row.title },
      after: {
        pageId,
        title: row.title,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
        components: input.components,
        remindMinutesBefore: row.remindMinutesBefore,
      },
    });
    await recordMaintenanceEvent(tx, actor, "maintenance.scheduled", row, now);
    return { id: row.id, snapshot: await rebuildSnapshot(tx, page, now) };
  });
  rememberSnapshots(db, [snapshot]);
  return maintenanceView(db, id);
}
