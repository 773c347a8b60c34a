import { z } from "zod";
import type { Db } from "@/db/client";
import { reminderSettings } from "@/db/reminders-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { DEFAULT_UPDATE_INTERVALS, type UpdateIntervals } from "@/lib/incidents/attention";
import { SEVERITIES, type Severity } from "@/lib/incidents/severity";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const MAX_UPDATE_INTERVAL_MINUTES = 24 * 60;

const interval = z
  .number({ message: "Use a whole number of minutes; leave it empty (null in the API) for no reminder." })
  .int("Use a whole number of minutes; leave it empty (null in the API) for no reminder.")
  .min(1, "At least 1 minute (null turns the reminder off).")
  .max(MAX_UPDATE_INTERVAL_MINUTES, `At most ${MAX_UPDATE_INTERVAL_MINUTES} minutes (24 hours).`)
  .nullable();

export const ReminderSettingsView = z.object({
  updateIntervalMinutes: z.record(z.enum(SEVERITIES), z.number().int().nullable()).meta({
    description:
      "Per severity: minutes without a manual update before an open incident is overdue (null: no reminder).",
  }),
});
export type ReminderSettingsView = z.infer<typeof ReminderSettingsView>;

export const UpdateReminderSettingsInput = z.strictObject({
  updateIntervalMinutes: z.partialRecord(z.enum(SEVERITIES), interval).meta({
    description: "Severities to change; the others keep their value. null turns a severity's reminder off.",
  }),
});

/** The intervals in force: a severity without a row keeps the default (15 min for SEV1/SEV2, off otherwise). */
export async function readUpdateIntervals(db: Db): Promise<UpdateIntervals> {
  const rows = await db.select().from(reminderSettings);
  return Object.fromEntries(
    SEVERITIES.map((s) => {
      const row = rows.find((r) => r.severity === s);
      return [s, row ? row.updateIntervalMinutes : DEFAULT_UPDATE_INTERVALS[s]];
    }),
  ) as Record<Severity, number | null>;
}

/** Everyone sees the intervals: the overdue flags on the incident pages are computed from them. */
export async function getReminderSettings(db: Db, actor: Actor): Promise<ReminderSettingsView> {
  authorize(actor, "settings.read");
  return { updateIntervalMinutes: await readUpdateIntervals(db) };
}

export async function updateReminderSettings(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ReminderSettingsView> {
  authorize(actor, "settings.manage");
  const input = parseInput(UpdateReminderSettingsInput, rawInput);
  const now = clock(options);
  await runTransaction(db, async (tx) => {
    const before = await readUpdateIntervals(tx);
    for (const [severity, minutes] of Object.entries(input.updateIntervalMinutes)) {
      const value = minutes ?? null;
      await tx
        .insert(reminderSettings)
        .values({ severity, updateIntervalMinutes: value, updatedAt: now })
        .onConflictDoUpdate({
          target: reminderSettings.severity,
          set: { updateIntervalMinutes: value, updatedAt: now },
        });
    }
    await recordAuditEvent(tx, actor, {
      action: "settings.reminders_changed",
      target: { type: "settings", id: "reminders", name: "Reminders" },
      before: { updateIntervalMinutes: before },
      after: { updateIntervalMinutes: await readUpdateIntervals(tx) },
    });
  });
  return { updateIntervalMinutes: await readUpdateIntervals(db) };
}
