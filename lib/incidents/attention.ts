import type { Status } from "./lifecycle";
import { SEVERITY_TABLE, type Severity } from "./severity";

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
export function responseState(incident: { severity: Severity; status: Status; createdAt: Date; investigatingAt: Date | null }, now: Date): ResponseState {
  const info = SEVERITY_TABLE[incident.severity];
  const targetSeconds = info.responseTargetMinutes * 60;
  const respondedInSeconds = incident.investigatingAt ? Math.round((incident.investigatingAt.getTime() - incident.createdAt.getTime()) / 1000) : null;
  const elapsed = (now.getTime() - incident.createdAt.getTime()) / 1000;
  return {
    targetLabel: info.responseTargetLabel,
    targetSeconds,
    respondedInSeconds,
    breached: incident.status === "declared" && elapsed > targetSeconds,
    respondedLate: respondedInSeconds !== null && respondedInSeconds > targetSeconds,
  };
}

/** Open SEV1/SEV2 incidents need a timeline entry at least every 15 minutes. */
export function isUpdateOverdue(incident: { severity: Severity; status: Status; lastUpdateAt: Date | null; createdAt: Date }, now: Date): boolean {
  if (incident.status === "resolved" || (incident.severity !== "SEV1" && incident.severity !== "SEV2")) return false;
  const last = incident.lastUpdateAt ?? incident.createdAt;
  return now.getTime() - last.getTime() > UPDATE_INTERVAL_MINUTES * 60 * 1000;
}
