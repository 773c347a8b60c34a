import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns } from "@/db/workflows-schema";
import type { Actor } from "@/lib/actor";
import { getWorkflow } from "./get-workflow";
import type { ActionResult, Trigger, WorkflowRunView } from "./schemas";

/** The run log, newest first. */
export async function listWorkflowRuns(
  db: Db,
  actor: Actor,
  id: string,
  limit = 100,
): Promise<WorkflowRunView[]> {
  await getWorkflow(db, actor, id);
  const rows = await db
    .select()
    .from(workflowRuns)
    .where(eq(workflowRuns.workflowId, id))
    .orderBy(desc(workflowRuns.id))
    .limit(Math.min(Math.max(limit, 1), 500));
  return rows.map((row) => ({
    id: row.id,
    workflowId: row.workflowId,
    trigger: row.trigger as Trigger,
    eventKey: row.eventKey,
    event: row.event,
    matched: row.matched,
    reason: row.reason,
    actionResults: row.actionResults as ActionResult[],
    incidentId: row.incidentId,
    createdAt: row.createdAt,
  }));
}
