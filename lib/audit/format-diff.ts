/** One value of a diff as a short line: text unquoted, the rest as JSON, long values cut. */
export function formatAuditValue(value: unknown, max = 80): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A stored diff as the audit page shows it: `field: from → to`, or one side for a creation or deletion. */
export function diffLines(diff: Record<string, { from: unknown; to: unknown }>): string[] {
  return Object.entries(diff).map(([field, { from, to }]) => {
    if (from === null) return `${field}: ${formatAuditValue(to)}`;
    if (to === null) return `${field}: ${formatAuditValue(from)} → —`;
    return `${field}: ${formatAuditValue(from)} → ${formatAuditValue(to)}`;
  });
}
