import { asc, desc, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponentServices, statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { getIncident } from "@/lib/incidents/get-incident";
import type { Severity } from "@/lib/incidents/severity";
import { authorize } from "@/lib/permissions";
import { orderedComponents } from "./build-snapshot";
import type { ComposerDraft, PublicIncidentDraft } from "./composer-types";
import type { ComponentStatus } from "./schemas";

/** How bad a component looks from the incident's severity; the Communicator may change it. */
export const SUGGESTED_STATUS: Record<Severity, ComponentStatus> = {
  SEV1: "major_outage",
  SEV2: "partial_outage",
  SEV3: "degraded_performance",
  SEV4: "degraded_performance",
};

const listOf = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/**
 * The plain-language first update. Built only from the page's own component names and the
 * severity: the internal title, description, people and timeline are written for responders and
 * must never reach customers unless a person types them in.
 */
export function draftText(componentNames: string[]): Pick<ComposerDraft, "title" | "body"> {
  const list = listOf(componentNames);
  return {
    title: list ? `Problems with ${list}` : "Service disruption",
    body: `We are investigating reports of problems with ${list || "some of our services"}. We will post an update within 30 minutes.`,
  };
}

/**
 * What the incident page's composer starts from, per status page: its components, the ones the
 * incident's services map to (preselected with the severity's status) and the template text.
 */
export async function draftPublicIncident(
  db: Db,
  actor: Actor,
  incidentId: string,
): Promise<PublicIncidentDraft> {
  authorize(actor, "status-pages.manage");
  // Through the incidents domain's own read (its permission and 404 included): its tables are not ours.
  const incident = await getIncident(db, actor, incidentId);
  const severity = incident.severity;
  const pageRows = await db
    .select()
    .from(statusPages)
    .orderBy(desc(statusPages.isDefault), asc(statusPages.name), asc(statusPages.id));
  const services = new Set(incident.services);
  const perPage = await Promise.all(pageRows.map((page) => orderedComponents(db, page.id)));
  const componentIds = perPage.flatMap(({ components }) => components.map((c) => c.id));
  const mapping = componentIds.length
    ? await db
        .select()
        .from(statusPageComponentServices)
        .where(inArray(statusPageComponentServices.componentId, componentIds))
    : [];
  const affected = new Set(mapping.filter((m) => services.has(m.serviceSlug)).map((m) => m.componentId));
  const status = SUGGESTED_STATUS[severity];
  return {
    incidentId: incident.id,
    severity,
    pages: pageRows.map((page, index) => {
      const components = perPage[index].components.map((c) => ({
        id: c.id,
        name: c.name,
        status: c.status as ComponentStatus,
      }));
      const chosen = components.filter((c) => affected.has(c.id));
      return {
        id: page.id,
        name: page.name,
        slug: page.slug,
        timeZone: page.timeZone,
        isDefault: page.isDefault,
        components,
        draft: {
          ...draftText(chosen.map((c) => c.name)),
          phase: "investigating",
          components: chosen.map((c) => ({ componentId: c.id, status })),
        },
      };
    }),
  };
}
