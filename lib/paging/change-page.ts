import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pages } from "@/db/paging-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, notFound } from "@/lib/errors";
import { markIncidentAcknowledged } from "@/lib/incidents/record-paging-milestone";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { authorize } from "@/lib/permissions";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { ackTimeoutJobSpec, escalateJobSpec } from "./job-specs";
import { logPage, type PageRow } from "./page-log";
import { type PageView, toPageView } from "./page-view";

export const isPageIdShape = (id: string) => id.length > 0 && id.length <= 64 && !id.includes("\u0000");

export async function lockPage(tx: Db, id: string): Promise<PageRow> {
  if (!isPageIdShape(id)) throw notFound("Page");
  const [row] = await tx.select().from(pages).where(eq(pages.id, id)).for("update");
  if (!row) throw notFound(`Page ${id}`);
  return row;
}

const refuse = (page: PageRow, what: string) =>
  new DomainError("invalid_transition", `Page ${page.id} is ${page.state}: it cannot be ${what}.`);

/** Stops the escalation: nobody else is paged, notifications not yet sent are cancelled. */
export async function acknowledgeInTransaction(tx: Db, actor: Actor, page: PageRow, now: Date) {
  if (page.state !== "triggered") throw refuse(page, "acknowledged");
  const [row] = await tx
    .update(pages)
    .set({
      state: "acknowledged",
      acknowledgedAt: now,
      acknowledgedBy: actorUserId(actor),
      escalationSeq: page.escalationSeq + 1,
      nextEscalationAt: null,
      version: page.version + 1,
    })
    .where(eq(pages.id, page.id))
    .returning();
  // The incident's first acknowledgement is its MTTA; a later one (after a re-trigger) leaves it.
  if (row.incidentId) await markIncidentAcknowledged(tx, row.incidentId, now);
  await logPage(
    tx,
    row,
    actor,
    { kind: "page_acknowledged", message: `${actorLabel(actor)} acknowledged the page.` },
    now,
  );
  if (row.ackTimeoutMinutes)
    await enqueueJob(
      tx,
      ackTimeoutJobSpec,
      { pageId: row.id, seq: row.escalationSeq },
      { startAfter: new Date(now.getTime() + row.ackTimeoutMinutes * 60_000) },
    );
  return row;
}

export async function resolveInTransaction(tx: Db, actor: Actor, page: PageRow, now: Date, why: string) {
  if (page.state === "resolved") return page;
  const [row] = await tx
    .update(pages)
    .set({
      state: "resolved",
      resolvedAt: now,
      resolvedBy: actorLabel(actor),
      escalationSeq: page.escalationSeq + 1,
      nextEscalationAt: null,
      version: page.version + 1,
    })
    .where(eq(pages.id, page.id))
    .returning();
  await logPage(tx, row, actor, { kind: "page_resolved", message: `Page resolved: ${why}.` }, now);
  return row;
}

/**
 * Back to triggered with the escalation moved on (escalate now, reassign, an ack timeout): the old
 * acknowledgement is given back, and every timer queued before is void.
 */
export async function retrigger(tx: Db, page: PageRow, nextEscalationAt: Date): Promise<PageRow> {
  const [row] = await tx
    .update(pages)
    .set({
      state: "triggered",
      acknowledgedAt: null,
      acknowledgedBy: null,
      escalationSeq: page.escalationSeq + 1,
      nextEscalationAt,
      version: page.version + 1,
    })
    .where(eq(pages.id, page.id))
    .returning();
  return row;
}

type Change = "acknowledge" | "resolve" | "escalate";

/** POST /api/pages/:id/acknowledge | resolve | escalate: one transaction with the page locked. */
export async function changePage(
  db: Db,
  actor: Actor,
  id: string,
  change: Change,
  options: UseCaseOptions = {},
): Promise<PageView> {
  authorize(actor, "paging.respond");
  return runTransaction(db, async (tx) => {
    const page = await lockPage(tx, id);
    const now = clock(options);
    if (change === "acknowledge") return toPageView(await acknowledgeInTransaction(tx, actor, page, now));
    if (change === "resolve") {
      if (page.state === "resolved") throw refuse(page, "resolved again");
      return toPageView(await resolveInTransaction(tx, actor, page, now, `by ${actorLabel(actor)}`));
    }
    if (page.state === "resolved") throw refuse(page, "escalated");
    // Escalating an acknowledged page hands it on too: the acknowledgement is given back.
    const row = await retrigger(tx, page, now);
    await enqueueJob(tx, escalateJobSpec, {
      pageId: page.id,
      seq: row.escalationSeq,
      step: page.step + 1,
      pass: page.pass,
    });
    await logPage(
      tx,
      row,
      actor,
      { kind: "page_escalated", message: `${actorLabel(actor)} escalated the page to the next step now.` },
      now,
    );
    return toPageView(row);
  });
}
