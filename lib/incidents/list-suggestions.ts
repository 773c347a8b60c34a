import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { alertsStartedIn } from "@/lib/alerts/alert-cards";
import { errorGroupsStartedIn } from "@/lib/error-groups/error-group-cards";
import { authorize } from "@/lib/permissions";
import { releasesInWindow } from "@/lib/releases/list-releases";
import type { LinkType } from "./schemas";
import type { IncidentView } from "./views";

export const SUGGESTION_WINDOW_MINUTES = 30;

export type Suggestion = {
  type: LinkType;
  targetId: string;
  label: string;
  detail: string;
  at: Date;
  service: string;
};

type Window = { services: string[]; environment: string; from: Date; to: Date };
type SuggestionSource = (db: Db, window: Window) => Promise<Suggestion[]>;

const errorGroupsStarted: SuggestionSource = async (db, w) => {
  const rows = await errorGroupsStartedIn(db, w);
  return rows.map((row) => ({
    type: "error_group",
    targetId: row.id,
    label: row.title,
    detail: `${row.count} events, ${row.usersAffected} users`,
    at: row.firstSeen,
    service: row.service,
  }));
};

const alertsStarted: SuggestionSource = async (db, w) => {
  const rows = await alertsStartedIn(db, w);
  return rows.map((row) => ({
    type: "alert",
    targetId: row.id,
    label: row.title,
    detail: `${row.severity} · ${row.status}${row.value !== null ? ` · value ${row.value}${row.threshold !== null ? ` vs threshold ${row.threshold}` : ""}` : ""}`,
    at: row.startsAt,
    service: row.service ?? "",
  }));
};

const releasesDeployed: SuggestionSource = async (db, w) =>
  (await releasesInWindow(db, w)).map((r) => ({
    type: "release",
    targetId: r.id,
    label: `${r.service} ${r.version}`,
    detail: `deployed by ${r.deployedBy}${r.commit ? ` · ${r.commit.slice(0, 7)}` : ""}`,
    at: r.deployedAt,
    service: r.service,
  }));

/** Where suggestions come from. */
export const suggestionSources: SuggestionSource[] = [alertsStarted, errorGroupsStarted, releasesDeployed];

/**
 * Alerts that started, error groups that first appeared, and releases deployed, on the incident's services and environment
 * within 30 minutes before the impact started (both ends included): the likely causes, one click from
 * being linked. Already linked items are left out.
 */
export async function listSuggestions(
  db: Db,
  actor: Actor,
  incident: Pick<IncidentView, "services" | "environment" | "impactStartedAt" | "links">,
): Promise<Suggestion[]> {
  authorize(actor, "incidents.read");
  const to = incident.impactStartedAt;
  const window = {
    services: incident.services,
    environment: incident.environment,
    from: new Date(to.getTime() - SUGGESTION_WINDOW_MINUTES * 60_000),
    to,
  };
  if (window.services.length === 0) return [];
  const linked = new Set(incident.links.map((l) => `${l.type}:${l.targetId}`));
  const found = (await Promise.all(suggestionSources.map((source) => source(db, window)))).flat();
  return found
    .filter((s) => !linked.has(`${s.type}:${s.targetId}`))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
