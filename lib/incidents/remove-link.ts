import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { incidentLinks } from "@/db/incidents-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { bumpVersion, lockIncident } from "./lock-incident";
import { LinkInput } from "./schemas";
import { appendTimeline } from "./timeline-writer";

export async function removeLink(
  db: Db,
  actor: Actor,
  incidentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
) {
  authorize(actor, "incidents.update");
  const input = parseInput(LinkInput, rawInput);
  await runTransaction(db, async (tx) => {
    const row = await lockIncident(tx, incidentId);
    const now = clock(options);
    const removed = await tx
      .delete(incidentLinks)
      .where(
        and(
          eq(incidentLinks.incidentId, incidentId),
          eq(incidentLinks.type, input.type),
          eq(incidentLinks.targetId, input.targetId),
        ),
      )
      .returning({ id: incidentLinks.id });
    if (removed.length === 0) throw notFound(`Link ${input.type} ${input.targetId} on ${incidentId}`);
    const { version } = await bumpVersion(tx, row, {}, now);
    await appendTimeline(
      tx,
      incidentId,
      actor,
      [{ kind: "link_removed", data: { type: input.type, targetId: input.targetId } }],
      now,
      { version },
    );
  });
}
