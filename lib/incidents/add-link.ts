import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { incidentLinks } from "@/db/incidents-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import type { LinkView } from "./get-incident";
import { bumpVersion, lockIncident } from "./lock-incident";
import { LinkInput } from "./schemas";
import { appendTimeline } from "./timeline-writer";
import { linkAlertToIncident } from "@/lib/alerts/alert-incidents";

/** Links an item; an alert through the one alert-link use case, with its "alert fired" entry. */
export async function addLink(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<LinkView> {
  authorize(actor, "incidents.update");
  const input = parseInput(LinkInput, rawInput);
  return runTransaction(db, async (tx) => {
    const row = await lockIncident(tx, incidentId);
    const now = clock(options);
    const [existing] = await tx
      .select({ id: incidentLinks.id })
      .from(incidentLinks)
      .where(
        and(
          eq(incidentLinks.incidentId, incidentId),
          eq(incidentLinks.type, input.type),
          eq(incidentLinks.targetId, input.targetId),
        ),
      );
    const alreadyLinked = new DomainError(
      "already_exists",
      `${input.type} ${input.targetId} is already linked to ${incidentId}.`,
      { errors: [{ path: "targetId", message: "Already linked." }] },
    );
    if (existing) throw alreadyLinked;
    if (input.type === "alert") {
      const linked = await linkAlertToIncident(tx, actor, incidentId, input.targetId, now);
      if (!linked) throw alreadyLinked;
      return toLinkView(linked);
    }
    const [link] = await tx
      .insert(incidentLinks)
      .values({
        incidentId,
        type: input.type,
        targetId: input.targetId,
        createdBy: actorLabel(actor),
        createdAt: now,
      })
      .returning();
    const { version } = await bumpVersion(tx, row, {}, now);
    await appendTimeline(
      tx,
      incidentId,
      actor,
      [{ kind: "link_added", data: { type: input.type, targetId: input.targetId } }],
      now,
      { version },
    );
    return toLinkView(link);
  });
}

const toLinkView = (link: typeof incidentLinks.$inferSelect): LinkView => ({
  id: link.id,
  type: link.type as LinkView["type"],
  targetId: link.targetId,
  createdBy: link.createdBy,
  createdAt: link.createdAt,
  role: null,
});
