import { inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type escalationPolicies, pageAssignments, pages, type StepTarget } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { type EscalationPlan, escalationPlans, nextStepTimes } from "./escalation-plans";
import { escalateJobSpec } from "./job-specs";
import { logPages, type PageLogEntry, type PageRow } from "./page-log";
import { type NotificationRequest, scheduleNotificationsFor } from "./schedule-notifications";
import { type Reached, type Skipped, stepTargets } from "./step-targets";

export const PAGING_ACTOR: Actor = { type: "system", name: "paging", role: "responder" };

export type StepPosition = { seq: number; step: number; pass: number };
/** A page whose escalation is at `at` (the caller holds its lock and checked it is triggered there). */
export type StepRun = { page: PageRow; at: StepPosition };

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
  at: StepPosition,
  now: Date,
  /** The page's policy row when the caller just read it (opening the page). */
  knownPolicy?: typeof escalationPolicies.$inferSelect,
): Promise<PageRow> {
  const [updated] = await runEscalationSteps(tx, [{ page, at }], now, knownPolicy);
  return updated;
}

/**
 * runEscalationStep for many pages at once, with a number of statements that does not grow with
 * them (a few per distinct step target and per incident): a thousand timers due at one instant are
 * worked in batches (escalate-job.ts). Pages come back updated, in the order given.
 */
export async function runEscalationSteps(
  tx: Db,
  runs: StepRun[],
  now: Date,
  knownPolicy?: typeof escalationPolicies.$inferSelect,
): Promise<PageRow[]> {
  if (runs.length === 0) return [];
  const plans = await escalationPlans(
    tx,
    runs.map((r) => r.page),
    knownPolicy,
  );
  const nextStepTime = nextStepTimes(tx);
  const targetsOf = new Map<string, { reached: Reached[]; skipped: Skipped[] }>();
  const work = runs.map((run) => ({
    ...run,
    ...position(run, plans.get(run.page.id) ?? null),
    log: [] as PageLogEntry[],
    reached: [] as Reached[],
  }));
  const updates: { id: string; position: StepPosition; dueAt: Date | null }[] = [];
  for (const item of work) {
    const { page, plan, step, pass } = item;
    const entry = (kind: PageLogEntry["kind"], message: string, data: Record<string, unknown>) =>
      item.log.push({ page, kind, message, data });
    if (!plan || step >= plan.steps.length) {
      entry("page_escalated", exhaustedMessage(page, plan), { step, pass, exhausted: true });
      updates.push({ id: page.id, position: positionOf(page), dueAt: null });
      continue;
    }
    if (step > 0 || pass > 0)
      entry(
        "page_escalated",
        `Escalated to step ${step + 1} of ${plan.name}${pass ? ` (pass ${pass + 1})` : ""}: nobody acknowledged.`,
        { step, pass },
      );
    const targets = plan.steps[step].targets as StepTarget[];
    const key = JSON.stringify(targets);
    let resolved = targetsOf.get(key);
    if (!resolved) targetsOf.set(key, (resolved = await stepTargets(tx, targets, now)));
    for (const miss of resolved.skipped)
      entry("page_notified", `Skipped ${miss.name} at step ${step + 1}: ${miss.reason}.`, {
        step,
        pass,
        userId: miss.userId,
        skipped: miss.reason,
      });
    item.reached = resolved.reached;
    const dueAt = item.reached.length ? await nextStepTime(page, now, plan.steps[step].delayMinutes) : now;
    updates.push({ id: page.id, position: { seq: item.at.seq + 1, step, pass }, dueAt });
  }
  const paged = work.flatMap((item) => item.reached.map((person) => ({ item, person })));
  if (paged.length)
    await tx
      .insert(pageAssignments)
      .values(
        paged.map(({ item, person }) => ({
          pageId: item.page.id,
          userId: person.userId,
          step: item.step,
          pass: item.pass,
          reason: `step ${item.step + 1} (${person.why})`,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  const requests: NotificationRequest[] = paged.map(({ item, person }) => ({
    page: item.page,
    userId: person.userId,
    seq: item.at.seq,
  }));
  const schedules = await scheduleNotificationsFor(tx, requests, now);
  paged.forEach(({ item, person }, i) => {
    const how = list(
      schedules[i].map((p) => (p.delayMinutes ? `${p.method} after ${p.delayMinutes} min` : p.method)),
    );
    item.log.push({
      page: item.page,
      kind: "page_notified",
      message: `Paged ${person.name} (${person.why}) by ${how}.`,
      data: { step: item.step, pass: item.pass, userId: person.userId, methods: schedules[i] },
    });
  });
  await logPages(
    tx,
    PAGING_ACTOR,
    work.flatMap((item) => item.log),
    now,
  );
  const updated = await updatePages(tx, updates);
  await enqueueJobs(
    tx,
    escalateJobSpec,
    updates.flatMap(({ id, position: { seq, step, pass }, dueAt }) =>
      dueAt ? [{ payload: { pageId: id, seq, step: step + 1, pass }, startAfter: dueAt }] : [],
    ),
  );
  const byId = new Map(updated.map((row) => [row.id, row]));
  return runs.map((run) => byId.get(run.page.id)!);
}

/** Where the run lands: past the last step, the policy starts over while it has passes left. */
function position(run: StepRun, plan: EscalationPlan | null) {
  let { step, pass } = run.at;
  const count = plan?.steps.length ?? 0;
  if (plan && step >= count && pass < plan.repeat && count) [step, pass] = [0, pass + 1];
  return { plan, step, pass };
}

const positionOf = (page: PageRow): StepPosition => ({
  seq: page.escalationSeq,
  step: page.step,
  pass: page.pass,
});

function exhaustedMessage(page: PageRow, plan: EscalationPlan | null) {
  if (page.directTargets)
    return "Nobody paged directly acknowledged in time. Reassign or acknowledge the page.";
  if (!plan) return "The page's escalation policy was removed: nobody else will be paged.";
  return `Escalation policy ${plan.name} is exhausted${plan.repeat ? ` after ${plan.repeat + 1} passes` : ""}: nobody acknowledged. Reassign or acknowledge the page.`;
}

/** Each page's new position and next step time, in one statement. */
async function updatePages(
  tx: Db,
  updates: { id: string; position: StepPosition; dueAt: Date | null }[],
): Promise<PageRow[]> {
  const cases = (value: (u: (typeof updates)[number]) => SQL) =>
    sql`case ${pages.id} ${sql.join(
      updates.map((u) => sql`when ${u.id} then ${value(u)}`),
      sql` `,
    )} end`;
  return tx
    .update(pages)
    .set({
      step: cases((u) => sql`${u.position.step}::smallint`),
      pass: cases((u) => sql`${u.position.pass}::smallint`),
      escalationSeq: cases((u) => sql`${u.position.seq}::int`),
      nextEscalationAt: cases((u) => sql`${u.dueAt?.toISOString() ?? null}::timestamptz`),
    })
    .where(
      inArray(
        pages.id,
        updates.map((u) => u.id),
      ),
    )
    .returning();
}
