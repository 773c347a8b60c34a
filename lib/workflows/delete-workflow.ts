import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows } from "@/db/workflows-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { isWorkflowIdShape } from "./get-workflow";
import { assertNotRuleOwned, workflowAuditSnapshot, workflowAuditTarget } from "./workflow-audit";

/** Deletes the workflow and its run log (the incidents it made stay, with their timelines). */
export async function deleteWorkflow(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "workflows.manage");
  if (!isWorkflowIdShape(id)) throw notFound("Workflow");
  await runTransaction(db, async (tx) => {
    const [row] = await tx.select().from(workflows).where(eq(workflows.id, id)).for("update");
    if (!row) throw notFound(`Workflow ${id}`);
    assertNotRuleOwned(row);
    const [deleted] = await tx.delete(workflows).where(eq(workflows.id, id)).returning();
    await recordAuditEvent(tx, actor, {
      action: "workflow.deleted",
      target: workflowAuditTarget(deleted),
      before: workflowAuditSnapshot(deleted),
    });
  });
}
