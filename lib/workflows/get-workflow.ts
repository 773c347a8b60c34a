import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns, workflows } from "@/db/workflows-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import type { Trigger, WorkflowAction, WorkflowView } from "./schemas";

type WorkflowRow = typeof workflows.$inferSelect;

export function toWorkflowView(row: WorkflowRow, lastRun: WorkflowView["lastRun"] = null): WorkflowView {
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger as Trigger,
    condition: row.condition,
    actions: row.actions as WorkflowAction[],
    enabled: row.enabled,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    alertRuleId: row.alertRuleId,
    lastRun,
  };
}

/** The newest run of each workflow, one query. */
async function lastRuns(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, NonNullable<WorkflowView["lastRun"]>>();
  const rows = await db
    .selectDistinctOn([workflowRuns.workflowId], {
      workflowId: workflowRuns.workflowId,
      at: workflowRuns.createdAt,
      matched: workflowRuns.matched,
    })
    .from(workflowRuns)
    .where(inArray(workflowRuns.workflowId, ids))
    .orderBy(workflowRuns.workflowId, desc(workflowRuns.id));
  return new Map(rows.map((row) => [row.workflowId, { at: row.at, matched: row.matched }]));
}

export async function listWorkflows(db: Db, actor: Actor): Promise<WorkflowView[]> {
  authorize(actor, "workflows.read");
  const rows = await db
    .select()
    .from(workflows)
    .orderBy(asc(sql`lower(${workflows.name})`), asc(workflows.id));
  const runs = await lastRuns(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toWorkflowView(row, runs.get(row.id) ?? null));
}

/** Ids are opaque; anything that cannot be one is simply not found. */
export const isWorkflowIdShape = (id: string) => id.length > 0 && id.length <= 64 && !id.includes("\u0000");

export async function getWorkflow(db: Db, actor: Actor, id: string): Promise<WorkflowView> {
  authorize(actor, "workflows.read");
  if (!isWorkflowIdShape(id)) throw notFound("Workflow");
  const [row] = await db.select().from(workflows).where(eq(workflows.id, id));
  if (!row) throw notFound(`Workflow ${id}`);
  return toWorkflowView(row, (await lastRuns(db, [id])).get(id) ?? null);
}
