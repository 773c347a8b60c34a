import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { postmortems } from "@/db/postmortems-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { lockIncident } from "@/lib/incidents/lock-incident";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { generatePostmortem } from "./generate-postmortem";
import { toPostmortemView } from "./get-postmortem";

/** The Create postmortem button: for severities the setting leaves out, or before resolution. */
export async function createPostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: UseCaseOptions = {},
) {
  authorize(actor, "postmortems.edit");
  const row = await runTransaction(db, async (tx) => {
    await lockIncident(tx, incidentId);
    const [existing] = await tx
      .select({ id: postmortems.id })
      .from(postmortems)
      .where(eq(postmortems.incidentId, incidentId));
    if (existing) throw new DomainError("already_exists", `${incidentId} already has a postmortem.`);
    return generatePostmortem(tx, actor, incidentId, clock(options), { automatic: false });
  });
  return toPostmortemView(db, row);
}
