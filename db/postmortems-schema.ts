import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users } from "./core-schema";
import { incidents } from "./incidents-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Postmortems and action items, re-exported from db/schema.ts.
export type PostmortemSection = { key: string; title: string; text: string; edited: boolean };
export type MetricSnapshot = {
  from: number;
  to: number;
  bucketMinutes: number;
  capturedAt: string;
  services: { service: string; points: { t: number; errorRate: number; latencyP95Ms: number }[] }[];
};

// One per incident (unique): reopening and resolving again refreshes it, never adds a second.
export const postmortems = pgTable("postmortems", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  incidentId: text("incident_id")
    .notNull()
    .unique()
    .references(() => incidents.id),
  status: text("status").notNull().default("draft"),
  sections: jsonb("sections").$type<PostmortemSection[]>().notNull(),
  markdown: text("markdown").notNull(),
  // Frozen at generation so telemetry retention never erases the incident's charts.
  metricSnapshot: jsonb("metric_snapshot").$type<MetricSnapshot>().notNull(),
  authors: jsonb("authors")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  createdBy: text("created_by").notNull(),
  publishedAt: ts("published_at"),
  version: integer("version").notNull().default(1),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export const actionItems = pgTable(
  "action_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id),
    postmortemId: integer("postmortem_id").references(() => postmortems.id),
    title: text("title").notNull(),
    ownerId: text("owner_id").references(() => users.id),
    // A calendar day, not an instant: whether it is overdue depends on the viewer's time zone.
    dueDate: date("due_date", { mode: "string" }),
    priority: text("priority").notNull().default("medium"),
    status: text("status").notNull().default("open"),
    ticketUrl: text("ticket_url"),
    timelineEntryId: integer("timeline_entry_id"),
    createdBy: text("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    completedAt: ts("completed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("action_items_incident_idx").on(t.incidentId, t.id),
    index("action_items_status_idx").on(t.status, t.id),
  ],
);

// Which severities get a postmortem on their first resolution; a missing row means all of them.
export const postmortemSettings = pgTable("postmortem_settings", {
  severity: text("severity").primaryKey(),
  autoGenerate: boolean("auto_generate").notNull(),
  updatedAt: ts("updated_at").notNull(),
});
