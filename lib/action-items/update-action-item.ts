import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, postmortems } from "@/db/postmortems-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, notFound } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { refreshActionItemsSection } from "@/lib/postmortems/refresh-action-items-section";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { selectActionItems } from "./list-action-items";
import { UpdateActionItemInput } from "./schemas";

const FIELDS = ["title", "ownerId", "dueDate", "priority", "ticketUrl"] as const;

/** PATCH semantics; every change is written to the incident's timeline. */
export async function updateActionItem(
  db: Db,
  actor: Actor,
  rawId: string,
  rawInput: unknown,
  options: UseCaseOptions & { expectedVersion?: number; tz?: string } = {},
) {
  authorize(actor, "action-items.manage");
  if (!/^\d{1,15}$/.test(rawId)) throw notFound(`Action item ${rawId}`);
  const id = Number(rawId);
  const input = parseInput(UpdateActionItemInput, rawInput);
  await runTransaction(db, async (tx) => {
    const [peek] = await tx
      .select({ incidentId: actionItems.incidentId })
      .from(actionItems)
      .where(eq(actionItems.id, id));
    if (!peek) throw notFound(`Action item ${id}`);
    // The incident's row lock orders this item's timeline entries with every other change.
    await lockIncident(tx, peek.incidentId);
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, id)).for("update");
    if (options.expectedVersion !== undefined && options.expectedVersion !== item.version) {
      throw new DomainError(
        "precondition_failed",
        `Action item ${id} was changed by someone else (you had version ${options.expectedVersion}, it is now ${item.version}). Reload and try again.`,
        {
          extra: { currentVersion: item.version },
        },
      );
    }
    const now = clock(options);
    const changed = FIELDS.filter((f) => input[f] !== undefined && input[f] !== item[f]);
    const statusChanged = input.status !== undefined && input.status !== item.status;
    if (changed.length && item.postmortemId !== null) {
      const [pm] = await tx
        .select({ status: postmortems.status })
        .from(postmortems)
        .where(eq(postmortems.id, item.postmortemId));
      if (pm?.status === "published") {
        throw new DomainError(
          "conflict",
          "The postmortem is published: only the state of its action items can change.",
          { errors: changed.map((path) => ({ path, message: "Read-only once published." })) },
        );
      }
    }
    if (input.ownerId !== undefined && input.ownerId !== item.ownerId)
      await assertAssignees(tx, { ownerId: input.ownerId });
    if (!changed.length && !statusChanged) return;

    const set: Partial<typeof actionItems.$inferInsert> = { version: item.version + 1, updatedAt: now };
    for (const field of changed) Object.assign(set, { [field]: input[field] });
    const entries = [];
    if (changed.length)
      entries.push({
        kind: "action_item_changed" as const,
        data: { actionItemId: id, title: input.title ?? item.title, fields: changed },
      });
    if (statusChanged) {
      set.status = input.status;
      set.completedAt = input.status === "done" ? now : null;
      entries.push({
        kind: "action_item_changed" as const,
        data: { actionItemId: id, title: input.title ?? item.title, from: item.status, to: input.status },
      });
    }
    await tx.update(actionItems).set(set).where(eq(actionItems.id, id));
    await appendTimeline(tx, item.incidentId, actor, entries, now);
    await refreshActionItemsSection(tx, item.incidentId, now);
  });
  const [view] = await selectActionItems(db, eq(actionItems.id, id), {
    tz: options.tz ?? "UTC",
    now: clock(options),
  });
  return view;
}
