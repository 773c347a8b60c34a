import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidentLinks, incidents, incidentServices } from "@/db/incidents-schema";
import { users } from "@/db/core-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { notFound } from "@/lib/errors";
import { assertIncidentIdShape } from "./lock-incident";
import { phaseFieldsOf } from "./lifecycle";
import type { ImpactStartSource } from "./schemas";
import type { Severity } from "./severity";
import type { IncidentView, LinkView } from "./views";

export type { IncidentView, LinkView } from "./views";

export async function getIncident(db: Db, actor: Actor, id: string): Promise<IncidentView> {
  authorize(actor, "incidents.read");
  assertIncidentIdShape(id);
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw notFound(`Incident ${id}`);

  const [serviceRows, linkRows] = await Promise.all([
    db
      .select({ slug: incidentServices.serviceSlug })
      .from(incidentServices)
      .where(eq(incidentServices.incidentId, id))
      .orderBy(asc(incidentServices.serviceSlug)),
    db
      .select({
        id: incidentLinks.id,
        type: incidentLinks.type,
        targetId: incidentLinks.targetId,
        createdBy: incidentLinks.createdBy,
        createdAt: incidentLinks.createdAt,
        role: incidentLinks.role,
      })
      .from(incidentLinks)
      .where(eq(incidentLinks.incidentId, id))
      .orderBy(asc(incidentLinks.id)),
  ]);

  const personIds = [row.commanderId, row.technicalLeadId, row.communicatorId].filter(
    (v): v is string => !!v,
  );
  const people = personIds.length
    ? await db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inArray(users.id, personIds))
    : [];
  return toIncidentView(
    row,
    serviceRows.map((s) => s.slug),
    linkRows,
    people,
  );
}

type IncidentRow = typeof incidents.$inferSelect;
type LinkRow = Omit<LinkView, "role"> & { role: string | null };
export type PersonRow = { id: string; name: string; email: string };

/** The API's view of an incident row, its services (in slug order), links and the people it names. */
export function toIncidentView(
  row: IncidentRow,
  services: string[],
  linkRows: LinkRow[],
  people: PersonRow[],
): IncidentView {
  const person = (userId: string | null) => people.find((p) => p.id === userId) ?? null;
  const { status, ...phases } = phaseFieldsOf(row);

  return {
    id: row.id,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity,
    status,
    environment: row.environment,
    services,
    commanderId: row.commanderId,
    technicalLeadId: row.technicalLeadId,
    communicatorId: row.communicatorId,
    commander: person(row.commanderId),
    technicalLead: person(row.technicalLeadId),
    communicator: person(row.communicatorId),
    declaredBy: row.declaredBy,
    source: row.source,
    sourceLabel: row.sourceLabel,
    impactStartedAt: row.impactStartedAt,
    impactStartKnown: row.impactStartSource !== "declared_default",
    impactStartSource: row.impactStartSource as ImpactStartSource,
    ...phases,
    version: row.version,
    updatedAt: row.updatedAt,
    links: linkRows.map((link) => ({ ...link, role: link.role as LinkView["role"] })),
  };
}
