export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SeverityInfo = {
  level: Severity;
  name: string;
  description: string;
  example: string;
  /** Response target in minutes; SEV4 is "next business day", counted as 24 hours. */
  responseTargetMinutes: number;
  responseTargetLabel: string;
};

// As the product specification gives it; judge severity by user impact, not technical complexity.
export const SEVERITY_TABLE: Record<Severity, SeverityInfo> = {
  SEV1: {
    level: "SEV1",
    name: "Critical",
    description: "Complete outage or data loss for all users",
    example: "API returning 500 for all requests",
    responseTargetMinutes: 15,
    responseTargetLabel: "< 15 minutes",
  },
  SEV2: {
    level: "SEV2",
    name: "Major",
    description: "Significant degradation for many users",
    example: "Checkout failing for 40% of users",
    responseTargetMinutes: 30,
    responseTargetLabel: "< 30 minutes",
  },
  SEV3: {
    level: "SEV3",
    name: "Minor",
    description: "Limited impact, workaround available",
    example: "Search results loading slowly",
    responseTargetMinutes: 120,
    responseTargetLabel: "< 2 hours",
  },
  SEV4: {
    level: "SEV4",
    name: "Low",
    description: "Minimal impact, cosmetic or edge case",
    example: "Dashboard chart rendering glitch",
    responseTargetMinutes: 24 * 60,
    responseTargetLabel: "Next business day",
  },
};

/** How a form or document names a severity: "SEV1 (Critical)". */
export const severityLabel = (level: Severity) => `${level} (${SEVERITY_TABLE[level].name})`;

/** Lower number = more severe. */
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s) + 1;

export function severityDirection(from: Severity, to: Severity): "escalated" | "downgraded" {
  return severityRank(to) < severityRank(from) ? "escalated" : "downgraded";
}
