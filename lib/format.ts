/** "2h 05m", "3d 4h", "45s": compact enough for a table cell. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

export function incidentDurationSeconds(createdAt: Date, resolvedAt: Date | null, now: Date): number {
  return Math.round(((resolvedAt ?? now).getTime() - createdAt.getTime()) / 1000);
}

export const formatUtc = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** Like formatDuration but keeps seconds under an hour ("9m 15s"): metrics are compared closely. */
export function formatDurationPrecise(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return formatDuration(s);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
