import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import type { IncidentRow } from "@/lib/incidents/lock-incident";

export const reminderActor = { type: "system", name: "reminders", role: "responder" } as const;

export const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/** What a receiver (chat message, pager) needs to say which incident and who runs it, without a look-up. */
export async function incidentFacts(tx: Db, incident: IncidentRow) {
  const [commander] = incident.commanderId
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(eq(users.id, incident.commanderId))
    : [];
  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    commander: commander ?? null,
    url: incidentPath(incident.id),
  };
}
