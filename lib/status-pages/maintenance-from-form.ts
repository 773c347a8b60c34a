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
