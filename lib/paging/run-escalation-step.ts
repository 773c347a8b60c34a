import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  escalationPolicies,
  escalationSteps,
  pageAssignments,
  pages,
  type StepTarget,
} from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { nextBusinessTime } from "./business-hours";
import { escalateJobSpec } from "./job-specs";
import { logPage, type PageRow } from "./page-log";
import { scheduleNotifications } from "./schedule-notifications";
import { readServicePaging } from "./service-paging";
import { stepTargets } from "./step-targets";

export const PAGING_ACTOR: Actor = { type: "system", name: "paging", role: "responder" };

const MINUTE = 60_000;
/** How long a page at direct targets waits before it says nobody answered. */
const DIRECT_STEP_MINUTES = 15;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/**
 * Runs one step of the page's policy (the caller holds the page's lock and checked it is triggered
 * and still at `seq`): pages everyone the step reaches, says who was skipped and why, and queues the
 * next step. A step that reaches nobody hands on at once; after the last step the policy starts over
 * `repeat` times, then the page stays triggered with nobody left to ask, which the log says.
 */
export async function runEscalationStep(
  tx: Db,
  page: PageRow,
  at: { seq: number; step: number; pass: number },
  now: Date,
  /** The page's policy row when the caller just read it (opening the page). */
  knownPolicy?: typeof escalationPolicies.$inferSelect,
): Promise<PageRow> {
  const policy = await planOf(tx, page, knownPolicy);
  const steps = policy?.steps ?? [];
  let { step, pass } = at;
  if (step >= steps.length && policy && pass < policy.repeat && steps.length) [step, pass] = [0, pass + 1];
  if (!policy || step >= steps.length) {
    const [updated] = await tx
      .update(pages)
      .set({ nextEscalationAt: null })
      .where(eq(pages.id, page.id))
      .returning();
    await logPage(
      tx,
      page,
      PAGING_ACTOR,
      {
        kind: "page_escalated",
        message: page.directTargets
          ? "Nobody paged directly acknowledged in time. Reassign or acknowledge the page."
          : policy
            ? `Escalation policy ${policy.name} is exhausted${policy.repeat ? ` after ${policy.repeat + 1} passes` : ""}: nobody acknowledged. Reassign or acknowledge the page.`
            : "The page's escalation policy was removed: nobody else will be paged.",
        data: { step, pass, exhausted: true },
      },
      now,
    );
    return updated;
  }
  if (step > 0 || pass > 0)
    await logPage(
      tx,
      page,
      PAGING_ACTOR,
      {
        kind: "page_escalated",
        message: `Escalated to step ${step + 1} of ${policy.name}${pass ? ` (pass ${pass + 1})` : ""}: nobody acknowledged.`,
        data: { step, pass },
      },
      now,
    );
  const { reached, skipped } = await stepTargets(tx, steps[step].targets as StepTarget[], now);
  for (const miss of skipped)
    await logPage(
      tx,
      page,
      PAGING_ACTOR,
      {
        kind: "page_notified",
        message: `Skipped ${miss.name} at step ${step + 1}: ${miss.reason}.`,
        data: { step, pass, userId: miss.userId, skipped: miss.reason },
      },
      now,
    );
  const seq = at.seq + 1;
  for (const person of reached) {
    await tx
      .insert(pageAssignments)
      .values({
        pageId: page.id,
        userId: person.userId,
        step,
        pass,
        reason: `step ${step + 1} (${person.why})`,
        createdAt: now,
      })
      .onConflictDoNothing();
    const plan = await scheduleNotifications(tx, page, person.userId, at.seq, now);
    const how = list(
      plan.map((p) => (p.delayMinutes ? `${p.method} after ${p.delayMinutes} min` : p.method)),
    );
    await logPage(
      tx,
      page,
      PAGING_ACTOR,
      {
        kind: "page_notified",
        message: `Paged ${person.name} (${person.why}) by ${how}.`,
        data: { step, pass, userId: person.userId, methods: plan },
      },
      now,
    );
  }
  const dueAt = reached.length ? await nextStepTime(tx, page, now, steps[step].delayMinutes) : now;
  const [updated] = await tx
    .update(pages)
    .set({ step, pass, escalationSeq: seq, nextEscalationAt: dueAt })
    .where(eq(pages.id, page.id))
    .returning();
  await enqueueJob(
    tx,
    escalateJobSpec,
    { pageId: page.id, seq, step: step + 1, pass },
    { startAfter: dueAt },
  );
  return updated;
}

/** The steps a page escalates through: its policy's, or the one step of its direct targets. */
async function planOf(tx: Db, page: PageRow, known?: typeof escalationPolicies.$inferSelect) {
  if (page.directTargets)
    return {
      name: "its direct targets",
      repeat: 0,
      steps: [{ delayMinutes: DIRECT_STEP_MINUTES, targets: page.directTargets }],
    };
  if (!page.policyId) return null;
  const [policy] =
    known?.id === page.policyId
      ? [known]
      : await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, page.policyId));
  if (!policy) return null;
  const steps = await tx
    .select()
    .from(escalationSteps)
    .where(eq(escalationSteps.policyId, policy.id))
    .orderBy(asc(escalationSteps.position));
  return { name: policy.name, repeat: policy.repeat, steps };
}

/** When the next step may run: after the delay; low urgency escalates past step 1 in business hours only. */
async function nextStepTime(tx: Db, page: PageRow, now: Date, delayMinutes: number) {
  const due = new Date(now.getTime() + delayMinutes * MINUTE);
  if (page.urgency !== "low" || !page.service) return due;
  const settings = await readServicePaging(tx, page.service);
  if (!settings.lowUrgencyBusinessHoursOnly) return due;
  return nextBusinessTime(due, {
    timeZone: settings.timeZone,
    start: settings.businessHoursStart,
    end: settings.businessHoursEnd,
  });
}
