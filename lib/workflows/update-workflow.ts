import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflows } from "@/db/workflows-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError, notFound, validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { assertPageTargets } from "@/lib/paging/assert-page-targets";
import { assertNotifyTargets } from "@/lib/webhooks/assert-notify-targets";
import { assertActionsFit } from "./assert-actions-fit";
import { compileCondition } from "./compile-condition";
import { nameTaken } from "./create-workflow";
import { getWorkflow, isWorkflowIdShape } from "./get-workflow";
import { type Trigger, UpdateWorkflowInput, type WorkflowAction, type WorkflowView } from "./schemas";
import { recordAuditEvent, updateActionOf } from "@/lib/audit/record-audit-event";
import { assertNotRuleOwned, workflowAuditSnapshot, workflowAuditTarget } from "./workflow-audit";

export type UpdateWorkflowOptions = UseCaseOptions & { expectedVersion?: number };

/** PATCH semantics; the trigger and actions are checked together, as they will run. */
export async function updateWorkflow(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UpdateWorkflowOptions = {},
): Promise<WorkflowView> {
  authorize(actor, "workflows.manage");
  const input = parseInput(UpdateWorkflowInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  if (input.condition !== undefined) compileCondition(input.condition);
  if (!isWorkflowIdShape(id)) throw notFound("Workflow");
  try {
    await runTransaction(db, async (tx) => {
      const [row] = await tx.select().from(workflows).where(eq(workflows.id, id)).for("update");
      if (!row) throw notFound(`Workflow ${id}`);
      assertNotRuleOwned(row);
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
        throw new DomainError(
          "precondition_failed",
          `Workflow ${row.name} was changed by someone else (you had version ${options.expectedVersion}, it is now ${row.version}). Reload and try again.`,
          {
            extra: { currentVersion: row.version },
          },
        );
      }
      assertActionsFit(
        (input.trigger ?? row.trigger) as Trigger,
        input.actions ?? (row.actions as WorkflowAction[]),
      );
      if (input.actions) await assertNotifyTargets(tx, input.actions);
      if (input.actions) await assertPageTargets(tx, input.actions);
      const [updated] = await tx
        .update(workflows)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.trigger !== undefined ? { trigger: input.trigger } : {}),
          ...(input.condition !== undefined ? { condition: input.condition.trim() } : {}),
          ...(input.actions !== undefined ? { actions: input.actions } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          updatedAt: clock(options),
          version: row.version + 1,
        })
        .where(eq(workflows.id, id))
        .returning();
      const [before, after] = [workflowAuditSnapshot(row), workflowAuditSnapshot(updated)];
      await recordAuditEvent(tx, actor, {
        action: updateActionOf("workflow", before, after),
        target: workflowAuditTarget(updated),
        before,
        after,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? "");
    throw error;
  }
  return getWorkflow(db, actor, id);
}
