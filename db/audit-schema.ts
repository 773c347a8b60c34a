import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One changed field: what it was and what it became (null on the side where it did not exist). */
export type AuditChange = { from: unknown; to: unknown };

// The audit log of everything outside the incident timeline (lib/audit), re-exported from
// db/schema.ts. Append-only like the timeline: a trigger (migration 0030) refuses UPDATE, and DELETE
// except the retention purge's. No foreign keys: a row outlives the user, token or webhook it names.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Millisecond precision, so a keyset cursor (a JS Date) names a row's time exactly.
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date", precision: 3 })
      .notNull()
      .defaultNow(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetName: text("target_name"),
    diff: jsonb("diff").$type<Record<string, AuditChange>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    check("audit_events_actor_type", sql`${t.actorType} in ('user', 'token', 'system')`),
    // Ascending, like incidents_created_idx: scanned backwards they serve the list's
    // `ORDER BY occurred_at DESC, id DESC` (NULLS FIRST), which Drizzle's .desc() (NULLS LAST) cannot.
    index("audit_events_list_idx").on(t.occurredAt, t.id),
    index("audit_events_actor_idx").on(t.actorId, t.occurredAt, t.id),
    // The actor filter also matches names: automation and failed sign-ins have no id.
    index("audit_events_actor_name_idx").on(t.actorName, t.occurredAt, t.id),
    index("audit_events_action_idx").on(t.action, t.occurredAt, t.id),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.occurredAt, t.id),
  ],
);
