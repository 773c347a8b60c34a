import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentLinks } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound, validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import type { LinkView } from "./get-incident";
import { bumpVersion, lockIncident } from "./lock-incident";
import { MarkLinkInput } from "./schemas";
import { appendTimeline } from "./timeline-writer";

/**
 * Marks a linked release as the suspected cause or the fix (or clears the mark), with its timeline
 * entry. Only releases carry a mark: an alert or an error is a symptom, not a change someone made.
 */
export async function markLink(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<LinkView> {
  authorize(actor, "incidents.update");
  const input = parseInput(MarkLinkInput, rawInput);
  if (input.type !== "release" && input.role !== null) {
    throw validationError([
      { path: "role", message: "Only a linked release can be marked as the suspected cause or the fix." },
    ]);
  }
  return runTransaction(db, async (tx) => {
    const row = await lockIncident(tx, incidentId);
    const now = clock(options);
    const match = and(
      eq(incidentLinks.incidentId, incidentId),
      eq(incidentLinks.type, input.type),
      eq(incidentLinks.targetId, input.targetId),
    );
    const [link] = await tx.select().from(incidentLinks).where(match);
    if (!link) throw notFound(`Link ${input.type} ${input.targetId} on ${incidentId}`);
    const view = (role: string | null): LinkView => ({
      id: link.id,
      type: link.type,
      targetId: link.targetId,
      createdBy: link.createdBy,
      createdAt: link.createdAt,
      role: role as LinkView["role"],
    });
    // Marking it again as what it already is changes nothing and writes no entry.
    if (link.role === input.role) return view(link.role);
    await tx.update(incidentLinks).set({ role: input.role }).where(match);
    const { version } = await bumpVersion(tx, row, {}, now);
    await appendTimeline(
      tx,
      incidentId,
      actor,
      [
        {
          kind: "link_marked",
          data: { type: input.type, targetId: input.targetId, from: link.role, to: input.role },
        },
      ],
      now,
      { version },
    );
    return view(input.role);
  });
}
