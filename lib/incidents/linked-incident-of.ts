import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentLinks } from "@/db/incidents-schema";
import type { LinkType } from "./schemas";

/** The first incident (open or not) the item was ever linked to, if any. */
export async function linkedIncidentOf(
  tx: Db,
  link: { type: LinkType; targetId: string },
): Promise<string | null> {
  const [row] = await tx
    .select({ incidentId: incidentLinks.incidentId })
    .from(incidentLinks)
    .where(and(eq(incidentLinks.type, link.type), eq(incidentLinks.targetId, link.targetId)))
    .orderBy(asc(incidentLinks.id))
    .limit(1);
  return row?.incidentId ?? null;
}
