import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { postmortems } from "@/db/postmortems-schema";
import type { Actor } from "@/lib/actor";
import { defineEventConsumer } from "@/lib/events/consumers";
import type { StoredEvent } from "@/lib/events/event-types";
import { lockIncident } from "@/lib/incidents/lock-incident";
import type { Severity } from "@/lib/incidents/severity";
import { generatePostmortem } from "./generate-postmortem";
import { autoGenerates } from "./postmortem-settings";

export const POSTMORTEMS_CONSUMER = "postmortems.generate";

const generator: Actor = { type: "system", name: "postmortem-generator", role: "admin" };

/**
 * A resolved incident gets its postmortem draft (when the severity's setting says so), or the
 * generated sections of the one it has are refreshed: after the resolving command has answered, under
 * the incident's row lock like any command. Once per resolution: the consumption mark, and the unique
 * postmortem per incident, make a redelivered event a refresh at most.
 */
export async function generateOnResolved(tx: Db, event: StoredEvent): Promise<void> {
  if (!event.incidentId) return;
  const incident = await lockIncident(tx, event.incidentId);
  const [existing] = await tx
    .select({ id: postmortems.id })
    .from(postmortems)
    .where(eq(postmortems.incidentId, incident.id));
  if (!existing && !(await autoGenerates(tx, incident.severity as Severity))) return;
  // The resolution's time, so a replayed history (the demo) reads in order.
  await generatePostmortem(tx, generator, incident.id, event.createdAt, { automatic: true });
}

export const postmortemsConsumer = defineEventConsumer({
  name: POSTMORTEMS_CONSUMER,
  types: ["incident.resolved"],
  consume: generateOnResolved,
});
