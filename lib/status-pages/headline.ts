import type { ComponentStatus } from "./schemas";

/**
 * Worst first: any outage outranks degraded performance, and degraded performance outranks maintenance
 * (planned work is not news when something is broken). The page's status is its worst component's.
 */
const RANK: readonly ComponentStatus[] = [
  "major_outage",
  "partial_outage",
  "degraded_performance",
  "under_maintenance",
  "operational",
];

export const HEADLINES: Record<ComponentStatus, string> = {
  major_outage: "Major outage",
  partial_outage: "Partial outage",
  degraded_performance: "Degraded performance",
  under_maintenance: "Under maintenance",
  operational: "All systems operational",
};

export const STATUS_LABELS: Record<ComponentStatus, string> = {
  major_outage: "Major outage",
  partial_outage: "Partial outage",
  degraded_performance: "Degraded performance",
  under_maintenance: "Under maintenance",
  operational: "Operational",
};

/** The worst of these statuses (operational for none). */
export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  return RANK.find((status) => statuses.includes(status)) ?? "operational";
}

/** The page's headline from its components' statuses: a page without components is operational. */
export function pageHeadline(statuses: readonly ComponentStatus[]): {
  status: ComponentStatus;
  headline: string;
} {
  const status = worstStatus(statuses);
  return { status, headline: HEADLINES[status] };
}
