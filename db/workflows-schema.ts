import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { alertRules } from "./alerts-schema";
import { users } from "./core-schema";
import { incidents } from "./incidents-schema";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// Workflow tables, re-exported from db/schema.ts.
// Workflow automation: a trigger, a condition in the language of lib/workflows/condition, and actions.
export const workflows = pgTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    trigger: text("trigger").notNull(),
    condition: text("condition").notNull().default(""),
    actions: jsonb("actions").$type<Record<string, unknown>[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdBy: text("created_by").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    // Set on the workflow an alert rule's auto-create is (lib/alerts/rule-workflow.ts): changed only
    // through its rule, gone with it.
    alertRuleId: text("alert_rule_id").references(() => alertRules.id, { onDelete: "cascade" }),
  },
  (t) => [
    // A rule's workflow is named after the rule, and rule names need not be unique.
    uniqueIndex("workflows_name_key")
      .on(t.name)
      .where(sql`${t.alertRuleId} is null`),
    uniqueIndex("workflows_alert_rule_key").on(t.alertRuleId),
    index("workflows_trigger_idx").on(t.trigger, t.enabled),
  ],
);

// One row per (workflow, event): the unique key is the claim that makes a replayed event run nothing twice.
export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workflowId: text("workflow_id")
      .notNull()
      .references(() => workflows.id, { onDelete: "cascade" }),
    trigger: text("trigger").notNull(),
    eventKey: text("event_key").notNull(),
    event: jsonb("event").$type<Record<string, unknown>>().notNull(),
    matched: boolean("matched").notNull(),
    reason: text("reason").notNull(),
    actionResults: jsonb("action_results")
      .$type<{ type: string; status: "ok" | "error" | "skipped"; detail: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    incidentId: text("incident_id").references(() => incidents.id),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("workflow_runs_event_key").on(t.workflowId, t.eventKey),
    index("workflow_runs_workflow_idx").on(t.workflowId, t.id),
  ],
);
