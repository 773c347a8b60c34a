import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { workflows } from "@/db/workflows-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { assertPageTargets } from "@/lib/paging/assert-page-targets";
import { assertNotifyTargets } from "@/lib/webhooks/assert-notify-targets";
import { assertActionsFit } from "./assert-actions-fit";
import { compileCondition } from "./compile-condition";
import { toWorkflowView } from "./get-workflow";
import { CreateWorkflowInput, type WorkflowView } from "./schemas";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { workflowAuditSnapshot, workflowAuditTarget } from "./workflow-audit";

export const nameTaken = (name: string) =>
  new DomainError("already_exists", `A workflow named "${name}" already exists.`, {
    errors: [{ path: "name", message: "Already used by another workflow." }],
  });

export async function createWorkflow(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<WorkflowView> {
  authorize(actor, "workflows.manage");
  const input = parseInput(CreateWorkflowInput, rawInput);
  compileCondition(input.condition);
  assertActionsFit(input.trigger, input.actions);
  await assertNotifyTargets(db, input.actions);
  await assertPageTargets(db, input.actions);
  const now = clock(options);
  try {
    const row = await runTransaction(db, async (tx) => {
      const [inserted] = await tx
        .insert(workflows)
        .values({
          id: `wf_${randomUUID()}`,
          name: input.name,
          trigger: input.trigger,
          condition: input.condition.trim(),
          actions: input.actions,
          enabled: input.enabled,
          createdBy: actorLabel(actor),
          createdByUserId: actorUserId(actor),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAuditEvent(tx, actor, {
        action: "workflow.created",
        target: workflowAuditTarget(inserted),
        after: workflowAuditSnapshot(inserted),
      });
      return inserted;
    });
    return toWorkflowView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
