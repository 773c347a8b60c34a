import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { incidents } from "./incidents-schema";

// The outbox tables, owned by lib/events (and read by lib/live's stream); see docs/architecture.md.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// The outbox: one row per domain event, written in the transaction of the change it describes.
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    incidentId: text("incident_id").references(() => incidents.id),
    subjectId: text("subject_id").notNull(),
    payload: jsonb("payload")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    actor: text("actor").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("events_incident_idx").on(t.incidentId, t.id), index("events_type_idx").on(t.type, t.id)],
);

// Which consumer has applied which event: written in the consumer's own transaction, so a
// redelivered dispatch skips consumers that already ran.
export const eventConsumptions = pgTable(
  "event_consumptions",
  {
    consumer: text("consumer").notNull(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    consumedAt: ts("consumed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);
