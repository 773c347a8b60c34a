import { UPTIME_DAYS } from "./uptime";
import type { PublicSnapshot } from "./public-snapshot";

/**
 * The JSON summary other sites embed (/status/<slug>/api/summary.json), from the snapshot alone.
 * `uptime.percent` is over the last `uptime.days` days (null before any time has passed).
 * `scheduledMaintenances`: the upcoming and in-progress ones, soonest first.
 */
export function publicSummary(snapshot: PublicSnapshot) {
  const { page } = snapshot;
  return {
    page: { name: page.name, slug: page.slug, url: `/status/${page.slug}`, timeZone: page.timeZone },
    revision: snapshot.revision,
    updatedAt: snapshot.builtAt,
    status: { indicator: snapshot.status, description: snapshot.headline },
    components: snapshot.components.map((component) => ({
      id: component.id,
      name: component.name,
      description: component.description,
      status: component.status,
      group: snapshot.groups.find((group) => group.id === component.groupId)?.name ?? null,
      uptime: { percent: component.uptime?.percent ?? null, days: UPTIME_DAYS },
    })),
    incidents: snapshot.openIncidents.map((incident) => ({
      id: incident.id,
      title: incident.title,
      phase: incident.phase,
      createdAt: incident.createdAt,
      updatedAt: incident.updatedAt,
      components: incident.components,
      latestUpdate: incident.updates[0]
        ? { body: incident.updates[0].body, createdAt: incident.updates[0].createdAt }
        : null,
    })),
    scheduledMaintenances: (snapshot.maintenances ?? [])
      .filter((m) => m.state === "scheduled" || m.state === "in_progress")
      .map((m) => ({
        id: m.id,
        title: m.title,
        state: m.state,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        updatedAt: m.updatedAt,
        body: m.body,
        components: m.components,
      })),
  };
}
