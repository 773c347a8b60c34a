import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { awaitsConsumer } from "@/lib/events/consumers";
import { authorize } from "@/lib/permissions";
import { POSTMORTEMS_CONSUMER } from "./postmortem-consumer";

/** True between a resolution's answer and its postmortem draft (about a second with workers running). */
export async function isPostmortemPreparing(db: Db, actor: Actor, incidentId: string): Promise<boolean> {
  authorize(actor, "postmortems.read");
  return awaitsConsumer(db, POSTMORTEMS_CONSUMER, incidentId, "incident.resolved");
}
