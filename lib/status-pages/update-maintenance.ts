import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusMaintenanceComponents, statusMaintenances } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { componentsOfPage } from "./component-statuses";
import { maintenanceView } from "./get-maintenance";
import { type MaintenanceView, UpdateMaintenanceInput } from "./maintenance-schemas";
import {
  lockMaintenance,
  maintenanceComponentIds,
  type MaintenanceRow,
  moveMaintenance,
  queueMaintenanceTimers,
} from "./maintenance-transitions";
import type { PublicSnapshot } from "./public-snapshot";
import { refuseEndedWindow } from "./schedule-maintenance";
import { rememberSnapshots } from "./snapshot-cache";

const STATE_MOVES = {
  cancelled: { from: "scheduled", refusal: "Only a maintenance that has not started can be cancelled." },
  completed: { from: "in_progress", refusal: "Only a maintenance in progress can be ended early." },
} as const;

/**
 * Edits a scheduled maintenance (title, body, window, components, reminder), or moves it:
 * `{state: "cancelled"}` while scheduled, `{state: "completed"}` to end one in progress early. With
 * `expectedVersion` (If-Match) a stale version is a 412 and nothing changes.
 */
export async function updateMaintenance(
  db: Db,
  actor: Actor,
  pageId: string,
  maintenanceId: string,
  rawInput: unknown,
  options: UseCaseOptions & { expectedVersion?: number } = {},
): Promise<MaintenanceView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(UpdateMaintenanceInput, rawInput);
  const snapshot = await runTransaction(db, async (tx): Promise<PublicSnapshot | null> => {
    const { page, row } = await lockMaintenance(tx, pageId, maintenanceId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== row.version)
      throw new DomainError(
        "precondition_failed",
        `The maintenance was changed by someone else (you had version ${options.expectedVersion}, it is now ${row.version}). Reload it and apply your change again.`,
        { extra: { currentVersion: row.version } },
      );
    const now = clock(options);
    if (input.state) {
      const move = STATE_MOVES[input.state];
      if (row.state !== move.from)
        throw new DomainError("invalid_transition", `${move.refusal} It is ${row.state}.`);
      return (await moveMaintenance(tx, actor, page, row, input.state, now)).snapshot;
    }
    const { state, ...changes } = input;
    void state;
    if (Object.keys(changes).length === 0) return null;
    if (row.state !== "scheduled")
      throw new DomainError(
        "invalid_transition",
        `Only a scheduled maintenance can be edited; this one is ${row.state}.`,
      );
    const next = { ...row, ...withoutUndefined(changes) } as MaintenanceRow & { components?: string[] };
    if (next.endsAt <= next.startsAt)
      throw validationError([{ path: "endsAt", message: "Must be after the start." }]);
    const windowMoved =
      next.startsAt.getTime() !== row.startsAt.getTime() ||
      next.endsAt.getTime() !== row.endsAt.getTime() ||
      next.remindMinutesBefore !== row.remindMinutesBefore;
    if (windowMoved) refuseEndedWindow(next.endsAt, now);
    const before = await maintenanceComponentIds(tx, row.id);
    if (input.components) {
      await componentsOfPage(tx, pageId, input.components, (index) => `components.${index}`);
      await tx
        .delete(statusMaintenanceComponents)
        .where(eq(statusMaintenanceComponents.maintenanceId, row.id));
      await tx
        .insert(statusMaintenanceComponents)
        .values(input.components.map((componentId) => ({ maintenanceId: row.id, componentId })));
    }
    const [updated] = await tx
      .update(statusMaintenances)
      .set({
        title: next.title,
        body: next.body,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        remindMinutesBefore: next.remindMinutesBefore,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(eq(statusMaintenances.id, row.id))
      .returning();
    // The timers of the old window stay queued and find their times no longer match.
    if (windowMoved) await queueMaintenanceTimers(tx, updated, now);
    await recordAuditEvent(tx, actor, {
      action: "status_maintenance.updated",
      target: { type: "status_maintenance", id: row.id, name: updated.title },
      before: auditFields(row, before),
      after: auditFields(updated, input.components ? [...input.components].sort() : before),
    });
    return rebuildSnapshot(tx, page, now);
  });
  if (snapshot) rememberSnapshots(db, [snapshot]);
  return maintenanceView(db, maintenanceId);
}

const withoutUndefined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

const auditFields = (row: MaintenanceRow, components: string[]) => ({
  title: row.title,
  body: row.body,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  remindMinutesBefore: row.remindMinutesBefore,
  components,
});
