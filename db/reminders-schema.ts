import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Reminders and timers, re-exported from db/schema.ts.

// Per severity: minutes without a manual update before an open incident is overdue. A missing row
// means the default (15 for SEV1/SEV2, off for SEV3/SEV4); a row with null means off.
export const reminderSettings = pgTable("reminder_settings", {
  severity: text("severity").primaryKey(),
  updateIntervalMinutes: integer("update_interval_minutes"),
  updatedAt: ts("updated_at").notNull(),
});

// One row per timer that fired: the primary key is what makes "emitted once" hold across concurrent
// runs and instances (INSERT … ON CONFLICT DO NOTHING in the transaction that records the event).
// kind: update_overdue (period = the silence's start), response_target_missed (period ''),
// action_item_overdue (subject = action item id, period = its due date).
export const reminderEmissions = pgTable(
  "reminder_emissions",
  {
    kind: text("kind").notNull(),
    subjectId: text("subject_id").notNull(),
    periodKey: text("period_key").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId, t.periodKey] })],
);
