import type { Status } from "./lifecycle";
import { TIMELINE_MESSAGE_TYPES } from "./schemas";
import { SEVERITY_TABLE, type Severity } from "./severity";

/** The default update interval of SEV1 and SEV2 (admins change it on /settings/reminders). */
export const UPDATE_INTERVAL_MINUTES = 15;

export type ResponseState = {
  targetLabel: string;
  targetSeconds: number;
  /** Declaration → investigating, once someone responded. */
  respondedInSeconds: number | null;
  /** Still declared past the severity's response target. */
  breached: boolean;
  /** Responded, but later than the target. */
  respondedLate: boolean;
};

/** Did anyone pick the incident up within its severity's response target? */
export function responseState(
  incident: { severity: Severity; status: Status; createdAt: Date; investigatingAt: Date | null },
  now: Date,
): ResponseState {
  const info = SEVERITY_TABLE[incident.severity];
  const targetSeconds = info.responseTargetMinutes * 60;
  const respondedInSeconds = incident.investigatingAt
    ? Math.round((incident.investigatingAt.getTime() - incident.createdAt.getTime()) / 1000)
    : null;
  const elapsed = (now.getTime() - incident.createdAt.getTime()) / 1000;
  return {
    targetLabel: info.responseTargetLabel,
    targetSeconds,
    respondedInSeconds,
    breached: incident.status === "declared" && elapsed > targetSeconds,
    respondedLate: respondedInSeconds !== null && respondedInSeconds > targetSeconds,
  };
}

/**
 * The timeline kinds a person writes to tell others what is going on. Only these end a silence:
 * status changes, links, alerts and the reminders' own notes do not count as an update.
 */
export const MANUAL_UPDATE_KINDS: readonly string[] = TIMELINE_MESSAGE_TYPES;

/** The reminders' system notes: on the timeline, but neither an update nor the incident's latest news. */
export const REMINDER_KINDS: readonly string[] = ["update_overdue", "response_target_missed"];

export const isManualUpdate = (kind: string) => MANUAL_UPDATE_KINDS.includes(kind);

/** Minutes without a manual update before an open incident is overdue; null = no reminder. */
export type UpdateIntervals = Record<Severity, number | null>;

export const DEFAULT_UPDATE_INTERVALS: UpdateIntervals = {
  SEV1: UPDATE_INTERVAL_MINUTES,
  SEV2: UPDATE_INTERVAL_MINUTES,
  SEV3: null,
  SEV4: null,
};

export type UpdateSilence = {
  /** The last manual update, or the declaration when there was none: the start of this silence. */
  silentSince: Date;
  silentMinutes: number;
  intervalMinutes: number | null;
  overdue: boolean;
};

/**
 * How long an incident has gone without a manual update, and whether that is longer than its
 * severity's interval. The one rule behind the list and detail flags and the reminders job.
 */
export function updateSilence(
  incident: { severity: Severity; status: Status; lastManualUpdateAt: Date | null; createdAt: Date },
  intervals: UpdateIntervals,
  now: Date,
): UpdateSilence {
  const silentSince =
    incident.lastManualUpdateAt && incident.lastManualUpdateAt > incident.createdAt
      ? incident.lastManualUpdateAt
      : incident.createdAt;
  const silentMs = now.getTime() - silentSince.getTime();
  const intervalMinutes = intervals[incident.severity] ?? null;
  const overdue =
    incident.status !== "resolved" && intervalMinutes !== null && silentMs > intervalMinutes * 60_000;
  return { silentSince, silentMinutes: Math.max(0, Math.floor(silentMs / 60_000)), intervalMinutes, overdue };
}

export function isUpdateOverdue(
  incident: { severity: Severity; status: Status; lastManualUpdateAt: Date | null; createdAt: Date },
  intervals: UpdateIntervals,
  now: Date,
): boolean {
  return updateSilence(incident, intervals, now).overdue;
}
