import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationSteps, pageAssignments } from "@/db/paging-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { assertAssignees } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, validationError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { lockPage, retrigger } from "./change-page";
import { escalateJobSpec } from "./job-specs";
import { logPage } from "./page-log";
import { type PageView, toPageView } from "./page-view";
import { scheduleNotifications } from "./schedule-notifications";
import { ReassignPageInput } from "./schemas";
import { stepTargets } from "./step-targets";

const MINUTE = 60_000;

/**
 * Hands the page to one person now: they are paged by their rules, the page is triggered again if it
 * was acknowledged, and the policy's next step still follows if they do not answer either.
 */
export async function reassignPage(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<PageView> {
  authorize(actor, "paging.respond");
  const input = parseInput(ReassignPageInput, rawInput);
  return runTransaction(db, async (tx) => {
    const page = await lockPage(tx, id);
    if (page.state === "resolved")
      throw new DomainError("invalid_transition", `Page ${page.id} is resolved: it cannot be reassigned.`);
    const names = await assertAssignees(tx, { userId: input.userId }, "paged");
    const { reached, skipped } = await stepTargets(
      tx,
      [{ type: "user", userId: input.userId }],
      clock(options),
    );
    if (!reached.length)
      throw validationError([
        { path: "userId", message: `${names.get(input.userId)} cannot be paged: ${skipped[0]?.reason}.` },
      ]);
    const now = clock(options);
    const [step] = page.policyId
      ? await tx
          .select({ delayMinutes: escalationSteps.delayMinutes })
          .from(escalationSteps)
          .where(and(eq(escalationSteps.policyId, page.policyId), eq(escalationSteps.position, page.step)))
      : [];
    const dueAt = new Date(now.getTime() + (step?.delayMinutes ?? 5) * MINUTE);
    const row = await retrigger(tx, page, dueAt);
    const seq = row.escalationSeq;
    await tx
      .insert(pageAssignments)
      .values({
        pageId: page.id,
        userId: input.userId,
        step: page.step,
        pass: page.pass,
        reason: `reassigned by ${actorLabel(actor)}`,
        createdAt: now,
      })
      .onConflictDoNothing();
    const plan = await scheduleNotifications(tx, row, input.userId, seq, now);
    await logPage(
      tx,
      row,
      actor,
      {
        kind: "page_notified",
        message: `${actorLabel(actor)} reassigned the page to ${names.get(input.userId)} (paged by ${plan.map((p) => p.method).join(", ")}).`,
        data: { userId: input.userId, reassigned: true, methods: plan },
      },
      now,
    );
    await enqueueJob(
      tx,
      escalateJobSpec,
      { pageId: page.id, seq, step: page.step + 1, pass: page.pass },
      { startAfter: dueAt },
    );
    return toPageView(row);
  });
}
