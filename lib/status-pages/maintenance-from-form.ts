import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import type { MaintenanceView } from "./maintenance-schemas";
import { scheduleMaintenance } from "./schedule-maintenance";
import { isIdShape } from "./status-page-ids";
import { instantFromZonedLocal } from "./zoned-local-time";

export type MaintenanceFormFields = {
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
  components: string[];
  remindMinutesBefore: string;
};

/**
 * The schedule form's fields as ScheduleMaintenanceInput: its datetime-local times are wall times in
 * the page's time zone. Nothing is validated here; the use case refuses what is wrong, field by field.
 */
export function maintenanceFromForm(fields: MaintenanceFormFields, timeZone: string) {
  const remind = fields.remindMinutesBefore.trim();
  return {
    title: fields.title,
    body: fields.body,
    startsAt: instantFromZonedLocal(fields.startsAt, timeZone),
    endsAt: instantFromZonedLocal(fields.endsAt, timeZone),
    components: fields.components,
    // A number or the text as typed (the schema's "a whole number" message names it).
    ...(remind ? { remindMinutesBefore: /^-?\d+$/.test(remind) ? Number(remind) : remind } : {}),
  };
}

/** The schedule form's submission: its times read in the page's own time zone. */
export async function scheduleMaintenanceFromForm(
  db: Db,
  actor: Actor,
  pageId: string,
  fields: MaintenanceFormFields,
): Promise<MaintenanceView> {
  const [page] = isIdShape(pageId, "sp")
    ? await db.select({ timeZone: statusPages.timeZone }).from(statusPages).where(eq(statusPages.id, pageId))
    : [];
  // An unknown page is scheduleMaintenance's 404 (after its permission check).
  return scheduleMaintenance(db, actor, pageId, maintenanceFromForm(fields, page?.timeZone ?? "UTC"));
}
