import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroups } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { addLink } from "@/lib/incidents/add-link";
import { declareIncident } from "@/lib/incidents/declare-incident";
import { getIncident } from "@/lib/incidents/get-incident";
import type { UseCaseOptions } from "@/lib/validation";

/**
 * Declare Incident from an error group's menu: the incident (source `error_group`) and its link to
 * the group commit together, so there is never an incident that lost the error it was declared for.
 */
export async function declareFromErrorGroup(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  errorGroupId: string,
  options: UseCaseOptions = {},
) {
  authorize(actor, "incidents.declare");
  const id = await runTransaction(db, async (tx) => {
    const [group] =
      errorGroupId.length <= 200
        ? await tx.select({ id: errorGroups.id }).from(errorGroups).where(eq(errorGroups.id, errorGroupId))
        : [];
    if (!group)
      throw validationError([
        {
          path: "errorGroupId",
          message: `No error group "${errorGroupId}"; declare without it or pick another from /errors.`,
        },
      ]);
    const incident = await declareIncident(tx, actor, rawInput, { ...options, source: "error_group" });
    await addLink(tx, actor, incident.id, { type: "error_group", targetId: group.id }, options);
    return incident.id;
  });
  return getIncident(db, actor, id);
}
