import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowRuns, workflows } from "@/db/workflows-schema";
import type { Actor } from "@/lib/actor";
import { runTransaction } from "@/lib/db/run-transaction";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { type ConditionContext, ConditionSyntaxError, evaluateCondition, parseCondition } from "./condition";
import { runWorkflowActions } from "./run-workflow-actions";
import { type ActionResult, type Trigger, type WorkflowAction, WorkflowEvent } from "./schemas";

export type WorkflowRunOutcome =
  | { workflowId: string; name: string; replayed: true }
  | {
      workflowId: string;
      name: string;
      replayed: false;
      runId: number;
      matched: boolean;
      reason: string;
      actionResults: ActionResult[];
      incidentId: string | null;
    };

/** Automation acts as a responder under the workflow's name, which is what the timeline shows. */
export const workflowActor = (name: string): Actor => ({
  type: "system",
  name: `workflow:${name}`,
  role: "responder",
});

export function conditionContext(subject: WorkflowEvent["subject"]): ConditionContext {
  return {
    severity: subject.severity,
    service: subject.service,
    environment: subject.environment,
    source: subject.source,
    title: subject.title,
    labels: subject.labels ?? {},
  };
}

/**
 * Runs every enabled workflow of the event's trigger, each in one transaction of its own: the run row
 * is claimed first (INSERT … ON CONFLICT DO NOTHING on workflow and event key), so an event delivered
 * twice — a retry, a replay, two workers — runs each workflow's actions at most once; the claim, the
 * actions and their recorded results commit together or not at all.
 */
export async function runWorkflowsForEvent(
  db: Db,
  rawEvent: unknown,
  options: UseCaseOptions = {},
): Promise<WorkflowRunOutcome[]> {
  const event = parseInput(WorkflowEvent, rawEvent);
  const candidates = await db
    .select({ id: workflows.id })
    .from(workflows)
    .where(and(eq(workflows.trigger, event.trigger), eq(workflows.enabled, true)))
    .orderBy(asc(workflows.createdAt), asc(workflows.id));
  const outcomes: WorkflowRunOutcome[] = [];
  for (const { id } of candidates) {
    const outcome = await runOne(db, id, event, options);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function runOne(
  db: Db,
  workflowId: string,
  event: WorkflowEvent,
  options: UseCaseOptions,
): Promise<WorkflowRunOutcome | null> {
  return runTransaction(db, async (tx) => {
    // Read under a share lock: an edit or a disable waits for this run, and a run never uses half an edit.
    const [workflow] = await tx.select().from(workflows).where(eq(workflows.id, workflowId)).for("share");
    if (!workflow || !workflow.enabled || workflow.trigger !== event.trigger) return null;
    const now = clock(options);
    const [claim] = await tx
      .insert(workflowRuns)
      .values({
        workflowId,
        trigger: event.trigger,
        eventKey: event.id,
        event,
        matched: false,
        reason: "",
        createdAt: now,
      })
      .onConflictDoNothing({ target: [workflowRuns.workflowId, workflowRuns.eventKey] })
      .returning({ id: workflowRuns.id });
    if (!claim) return { workflowId, name: workflow.name, replayed: true as const };

    let matched: boolean;
    let reason: string;
    try {
      matched =
        workflow.condition.trim() === "" ||
        evaluateCondition(parseCondition(workflow.condition), conditionContext(event.subject));
      reason =
        workflow.condition.trim() === ""
          ? "No condition: every event of the trigger matches."
          : `Condition ${matched ? "matched" : "not met"}: ${workflow.condition}`;
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error;
      matched = false;
      reason = `The stored condition does not parse (${error.message}); nothing was run.`;
    }

    let actionResults: ActionResult[] = [];
    let incidentId: string | null = null;
    if (matched) {
      const start = (event.trigger as Trigger).startsWith("incident_")
        ? (event.subject.incidentId ?? null)
        : null;
      ({ results: actionResults, incidentId } = await runWorkflowActions(
        {
          tx,
          actor: workflowActor(workflow.name),
          workflowName: workflow.name,
          event,
          now,
          incidentId: start,
        },
        workflow.actions as WorkflowAction[],
      ));
    }
    await tx
      .update(workflowRuns)
      .set({ matched, reason, actionResults, incidentId })
      .where(eq(workflowRuns.id, claim.id));
    return {
      workflowId,
      name: workflow.name,
      replayed: false as const,
      runId: claim.id,
      matched,
      reason,
      actionResults,
      incidentId,
    };
  });
}
