import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { actionItems, postmortems } from "@/db/postmortems-schema";
import { timelineEntries } from "@/db/incidents-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { appendTimeline } from "@/lib/incidents/timeline-writer";
import { refreshActionItemsSection } from "@/lib/postmortems/refresh-action-items-section";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { selectActionItems } from "./list-action-items";
import { CreateActionItemInput } from "./schemas";

export async function createActionItem(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions & { tz?: string } = {},
) {
  authorize(actor, "action-items.manage");
  const input = parseInput(CreateActionItemInput, rawInput);
  const id = await runTransaction(db, async (tx) => {
    await lockIncident(tx, input.incidentId);
    const now = clock(options);
    await assertAssignees(tx, { ownerId: input.ownerId });
    if (input.timelineEntryId !== undefined) {
      const [entry] = await tx
        .select({ id: timelineEntries.id })
        .from(timelineEntries)
        .where(
          and(
            eq(timelineEntries.id, input.timelineEntryId),
            eq(timelineEntries.incidentId, input.incidentId),
          ),
        );
      if (!entry)
        throw validationError([
          {
            path: "timelineEntryId",
            message: `No timeline entry ${input.timelineEntryId} on ${input.incidentId}.`,
          },
        ]);
    }
    const [postmortem] = await tx
      .select({ id: postmortems.id })
      .from(postmortems)
      .where(eq(postmortems.incidentId, input.incidentId));
    const [row] = await tx
      .insert(actionItems)
      .values({
        incidentId: input.incidentId,
        postmortemId: postmortem?.id ?? null,
        title: input.title,
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        priority: input.priority,
        ticketUrl: input.ticketUrl ?? null,
        timelineEntryId: input.timelineEntryId ?? null,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await appendTimeline(
      tx,
      input.incidentId,
      actor,
      [
        {
          kind: "action_item_created",
          data: { actionItemId: row.id, title: row.title, fromEntryId: row.timelineEntryId },
        },
      ],
      now,
    );
    await refreshActionItemsSection(tx, input.incidentId, now);
    return row.id;
  });
  const [view] = await selectActionItems(db, eq(actionItems.id, id), {
    tz: options.tz ?? "UTC",
    now: clock(options),
  });
  return view;
}
