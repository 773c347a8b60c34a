import type { ComponentStatus, PublicPhase, Visibility } from "./schemas";

// What the public page, its JSON summary and its feeds are made of: only what a person chose
// to publish. Stored as JSON (status_page_snapshots.body) and kept in memory per instance. No
// database imports.

export type PublicComponent = {
  id: string;
  name: string;
  description: string;
  status: ComponentStatus;
  groupId: string | null;
  /** Absent in snapshots built before uptime bars existed (the next rebuild adds it). */
  uptime?: ComponentUptime;
};

/** A day's worst impact; `no_data` before the component existed. */
export type UptimeDayStatus = ComponentStatus | "no_data";

export type UptimeDay = {
  /** The local date in the page's time zone, YYYY-MM-DD. */
  date: string;
  status: UptimeDayStatus;
  /** Time in partial or major outage that day. */
  downSeconds: number;
  /** The public incidents that impacted the component that day, with how long. */
  incidents: { id: string; title: string; status: ComponentStatus; seconds: number }[];
};

export type ComponentUptime = {
  /** Share of the window not in an outage, two decimals (floored); null before any time has passed. */
  percent: number | null;
  /** UPTIME_DAYS days, oldest first, ending with `uptimeDay`. */
  days: UptimeDay[];
};

export type PublicUpdate = {
  id: string;
  phase: PublicPhase;
  title: string;
  body: string;
  components: { componentId: string; name: string; status: ComponentStatus }[];
  createdAt: string;
};

export type PublicIncidentSnapshot = {
  id: string;
  title: string;
  phase: PublicPhase;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** Components it affects now (empty once resolved). */
  components: { componentId: string; name: string; status: ComponentStatus }[];
  /** Newest first. */
  updates: PublicUpdate[];
};

export type PublicMaintenance = {
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  state: "scheduled" | "in_progress" | "completed" | "cancelled";
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  components: { componentId: string; name: string }[];
};

export type PublicSnapshot = {
  page: {
    id: string;
    name: string;
    slug: string;
    logoUrl: string | null;
    timeZone: string;
    isDefault: boolean;
    visibility: Visibility;
  };
  revision: number;
  builtAt: string;
  /** The local date the uptime bars end on: a snapshot of an earlier day is rebuilt (roll-over-snapshots.ts). */
  uptimeDay?: string;
  status: ComponentStatus;
  headline: string;
  groups: { id: string; name: string }[];
  /** In display order: groups in their order, each group's components in theirs, ungrouped last. */
  components: PublicComponent[];
  openIncidents: PublicIncidentSnapshot[];
  /** Resolved in the last RECENT_DAYS days, newest first. */
  recentIncidents: PublicIncidentSnapshot[];
  /**
   * Scheduled and in progress (soonest first), then completed or cancelled in the last RECENT_DAYS
   * days (for the feeds). Absent from snapshots stored before maintenance existed.
   */
  maintenances?: PublicMaintenance[];
};

export const RECENT_DAYS = 7;

/** The ETag of one revision of a page (strong: the body is a function of the revision). */
export const snapshotEtag = (snapshot: Pick<PublicSnapshot, "page" | "revision">) =>
  `"sp-${snapshot.page.id}-${snapshot.revision}"`;
