import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { incidents, incidentServices } from "@/db/incidents-schema";
import type { Actor } from "@/lib/actor";
import { createComponent } from "@/lib/status-pages/create-component";
import { createComponentGroup } from "@/lib/status-pages/create-component-group";
import { createStatusPage } from "@/lib/status-pages/create-status-page";
import { postPublicUpdate } from "@/lib/status-pages/post-public-update";
import { publishPublicIncident } from "@/lib/status-pages/publish-public-incident";
import { rollOverSnapshots } from "@/lib/status-pages/roll-over-snapshots";
import type { ComponentStatus } from "@/lib/status-pages/schemas";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// The public face of the demo organisation: which services customers see, under which names.
const GROUPS = [
  {
    name: "Payments",
    components: [
      { name: "Card payments", service: "payment-service", description: "Paying by card at checkout" },
      { name: "Checkout", service: "checkout-api", description: "Basket and order placement" },
    ],
  },
  {
    name: "Storefront",
    components: [
      { name: "Website", service: "web-frontend", description: "" },
      { name: "Search", service: "search-api", description: "" },
    ],
  },
  {
    name: "Accounts and messages",
    components: [
      { name: "Sign-in", service: "auth-service", description: "" },
      { name: "Email notifications", service: "notification-worker", description: "" },
    ],
  },
];

const STATUS_OF_SEVERITY: Record<string, ComponentStatus> = {
  SEV1: "major_outage",
  SEV2: "partial_outage",
};
const PHRASE: Partial<Record<ComponentStatus, string>> = {
  major_outage: "unavailable",
  partial_outage: "failing for some customers",
  degraded_performance: "slower than usual",
};

type Mapped = { id: string; name: string };
const names = (components: Mapped[]) =>
  components.length === 1
    ? components[0].name
    : `${components
        .slice(0, -1)
        .map((c) => c.name)
        .join(", ")} and ${components.at(-1)!.name}`;

/**
 * "Acme Status", the default page at /status: groups and components mapped to the demo services, a
 * few resolved public incidents linked to past demo incidents (so the uptime bars have red and orange
 * days), and one in `monitoring` for a demo incident that is mitigated but still open. Written in
 * customers' words, never the internal titles; through the use cases, at times relative to `now`.
 */
export async function seedStatusPage(db: Db, communicator: Actor, now: Date): Promise<void> {
  const createdAt = new Date(now.getTime() - 60 * DAY);
  const at = { now: createdAt };
  const page = await createStatusPage(
    db,
    communicator,
    { name: "Acme Status", slug: "acme", isDefault: true },
    at,
  );
  const byService = new Map<string, Mapped>();
  for (const group of GROUPS) {
    const { id: groupId } = await createComponentGroup(db, communicator, page.id, { name: group.name }, at);
    for (const c of group.components) {
      const input = { name: c.name, description: c.description, groupId, services: [c.service] };
      const component = await createComponent(db, communicator, page.id, input, at);
      byService.set(c.service, { id: component.id, name: c.name });
    }
  }

  const rows = await db
    .select()
    .from(incidents)
    .where(eq(incidents.environment, "production"))
    .orderBy(asc(incidents.createdAt));
  const links = await db
    .select()
    .from(incidentServices)
    .where(
      inArray(
        incidentServices.incidentId,
        rows.map((row) => row.id),
      ),
    );
  const affected = (incidentId: string) =>
    links.flatMap((link) => {
      const component = link.incidentId === incidentId ? byService.get(link.serviceSlug) : undefined;
      return component ? [component] : [];
    });

  const past = rows
    .filter(
      (row) =>
        row.resolvedAt &&
        STATUS_OF_SEVERITY[row.severity] &&
        affected(row.id).length > 0 &&
        row.createdAt.getTime() > now.getTime() - 45 * DAY &&
        row.resolvedAt.getTime() < now.getTime() - 2 * DAY,
    )
    .slice(-3);
  for (const row of past) {
    const status = STATUS_OF_SEVERITY[row.severity];
    const components = affected(row.id);
    const incident = await publishPublicIncident(
      db,
      communicator,
      page.id,
      {
        title: `${names(components)} ${PHRASE[status]}`,
        body: `We are investigating problems with ${names(components)}.`,
        incidentId: row.id,
        components: components.map((c) => ({ componentId: c.id, status })),
      },
      { now: new Date(row.createdAt.getTime() + 8 * MINUTE) },
    );
    await postPublicUpdate(
      db,
      communicator,
      page.id,
      incident.id,
      {
        phase: "resolved",
        body: `${names(components)} are working normally again. We are sorry for the trouble.`,
      },
      { now: new Date(row.resolvedAt!.getTime() + 5 * MINUTE) },
    );
  }

  // A mitigated incident is still open: customers are told it is fixed and being watched.
  const ongoing = rows
    .filter((row) => row.status === "mitigated" && row.mitigatedAt && affected(row.id).length)
    .at(-1);
  if (ongoing) {
    const components = affected(ongoing.id);
    const incident = await publishPublicIncident(
      db,
      communicator,
      page.id,
      {
        title: `${names(components)} ${PHRASE.degraded_performance}`,
        body: `Some requests to ${names(components)} are slow. We are investigating.`,
        incidentId: ongoing.id,
        components: components.map((c) => ({ componentId: c.id, status: "degraded_performance" as const })),
      },
      { now: new Date(ongoing.createdAt.getTime() + 5 * MINUTE) },
    );
    await postPublicUpdate(
      db,
      communicator,
      page.id,
      incident.id,
      {
        phase: "monitoring",
        body: "A fix is in place and response times are recovering. We are monitoring the results.",
        components: components.map((c) => ({ componentId: c.id, status: "degraded_performance" as const })),
      },
      { now: new Date(Math.min(ongoing.mitigatedAt!.getTime() + 4 * MINUTE, now.getTime())) },
    );
  }
  // The last change may have been yesterday in the page's zone: the bars end today.
  await rollOverSnapshots(db, now);
}
