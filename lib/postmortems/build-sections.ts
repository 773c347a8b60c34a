import type { MetricSnapshot, PostmortemSection } from "@/db/postmortems-schema";
import { formatDurationPrecise } from "@/lib/format";
import { describeEntry, isManualEntry } from "@/lib/incidents/describe-entry";
import { SEVERITY_TABLE } from "@/lib/incidents/severity";
import { buildActionItemsText } from "./action-items-text";
import type { IncidentView, TimelineEntryView } from "@/lib/incidents/views";

import type { ActionItemLine } from "./action-items-text";
import type { LinkedAlertFact } from "./linked-alert-facts";

export type { ActionItemLine } from "./action-items-text";
export type PostmortemSource = {
  incident: IncidentView;
  timeline: TimelineEntryView[];
  snapshot: MetricSnapshot;
  actionItems: ActionItemLine[];
  /** Linked alerts this product recorded, by ID; others are listed by ID alone. */
  alerts?: Map<string, LinkedAlertFact>;
};

export const SECTION_TITLES = {
  summary: "Summary",
  impact: "Impact",
  timeline: "Timeline",
  alerts: "Linked alerts",
  errors_releases: "Error groups and releases",
  metrics: "Metric snapshots",
  root_cause: "Root cause",
  mitigation_resolution: "Mitigation and resolution",
  went_well: "What went well",
  went_badly: "What went badly",
  action_items: "Action items",
} as const;
export type SectionKey = keyof typeof SECTION_TITLES;
export const SECTION_KEYS = Object.keys(SECTION_TITLES) as SectionKey[];

const utc = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";
const span = (from: Date | null, to: Date | null) =>
  from && to
    ? formatDurationPrecise(Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)))
    : "not reached";
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** Every section, generated from the incident as it is now; nothing here is invented. */
export function buildSections(source: PostmortemSource): Record<SectionKey, string> {
  const { incident: i, timeline, snapshot, actionItems } = source;
  const known = source.alerts ?? new Map<string, LinkedAlertFact>();
  const severity = SEVERITY_TABLE[i.severity];
  const links = (type: string) => i.links.filter((l) => l.type === type);
  const linkList = (type: string, label: string) =>
    links(type).map((l) => `- ${label} \`${l.targetId}\` (linked ${utc(l.createdAt)} by ${l.createdBy})`);
  const ack = i.investigatingAt ? (i.investigatingAt.getTime() - i.createdAt.getTime()) / 60_000 : null;
  const reopens = timeline.filter(
    (e) => e.kind === "status_changed" && (e.data as { reason?: string }).reason === "reopen",
  ).length;
  const regressions = timeline.filter(
    (e) => e.kind === "status_changed" && (e.data as { reason?: string }).reason === "regress",
  ).length;
  const escalations = timeline.filter(
    (e) => e.kind === "severity_changed" && (e.data as { direction?: string }).direction === "escalated",
  ).length;
  const updates = timeline.filter((e) => isManualEntry(e.kind)).length;

  const well: string[] = [];
  const badly: string[] = [];
  if (ack !== null && ack <= severity.responseTargetMinutes)
    well.push(
      `Investigation started ${span(i.createdAt, i.investigatingAt)} after declaration, within the ${i.severity} response target (${severity.responseTargetLabel}).`,
    );
  if (ack !== null && ack > severity.responseTargetMinutes)
    badly.push(
      `Investigation started ${span(i.createdAt, i.investigatingAt)} after declaration, outside the ${i.severity} response target (${severity.responseTargetLabel}).`,
    );
  if (ack === null) badly.push("The incident never entered investigation before it was resolved.");
  if (i.commander) well.push(`${i.commander.name} was commander.`);
  else badly.push("No commander was assigned.");
  if (updates > 0)
    well.push(`${updates} manual update${updates === 1 ? "" : "s"} kept the timeline current.`);
  else badly.push("No manual updates were posted to the timeline.");
  if (reopens)
    badly.push(`The incident was reopened ${reopens} time${reopens === 1 ? "" : "s"} after being resolved.`);
  if (regressions)
    badly.push(`Impact returned after mitigation ${regressions} time${regressions === 1 ? "" : "s"}.`);
  if (escalations)
    badly.push(
      `Severity was escalated ${escalations} time${escalations === 1 ? "" : "s"} during the incident.`,
    );

  const metricLines = snapshot.services.map(({ service, points }) => {
    if (points.length === 0) return `- **${service}**: no health data was recorded in the window.`;
    const peakError = Math.max(...points.map((p) => p.errorRate));
    const peakP95 = Math.max(...points.map((p) => p.latencyP95Ms));
    return `- **${service}**: peak error rate ${(peakError * 100).toFixed(2)}%, worst p95 latency ${Math.round(peakP95)} ms (${points.length} points)`;
  });

  return {
    summary: [
      `**${i.id}: ${i.title}**`,
      `${i.severity} (${severity.name}) in ${i.environment}, declared ${utc(i.createdAt)} by ${i.declaredBy}.`,
      i.description.trim(),
    ]
      .filter(Boolean)
      .join("\n\n"),
    impact: [
      `- Impact started: ${utc(i.impactStartedAt)}${i.impactStartKnown ? "" : " (not reported; the declaration time stands in)"}`,
      `- Duration: ${i.durationSeconds !== null ? formatDurationPrecise(i.durationSeconds) : span(i.createdAt, i.resolvedAt)}`,
      `- Time to detect (impact start → declared): ${i.impactStartKnown ? span(i.impactStartedAt, i.createdAt) : "unknown, no impact start was reported"}`,
      `- Time to acknowledge (declared → investigating): ${span(i.createdAt, i.investigatingAt)}`,
      `- Time to mitigate (declared → mitigated): ${span(i.createdAt, i.mitigatedAt)}`,
      `- Time to resolve (declared → resolved): ${span(i.createdAt, i.resolvedAt)}`,
      `- Services: ${i.services.join(", ")}`,
      `- Environment: ${i.environment}`,
    ].join("\n"),
    timeline: timeline
      .map(
        (e) =>
          `- ${utc(e.createdAt)} — ${e.actor}: ${isManualEntry(e.kind) ? `(${e.kind}) ${oneLine(e.message ?? "")}` : describeEntry(e)}`,
      )
      .join("\n"),
    alerts: links("alert").length
      ? links("alert")
          .map((l) => alertLine(l, known.get(l.targetId)))
          .join("\n")
      : "No alerts were linked to this incident.",
    errors_releases:
      [
        ...linkList("error_group", "Error group"),
        ...linkList("release", "Release"),
        ...linkList("trace", "Trace"),
      ].join("\n") || "No error groups, releases or traces were linked to this incident.",
    metrics: [
      `Error rate and p95 latency from ${utc(new Date(snapshot.from))} to ${utc(new Date(snapshot.to))}, ${snapshot.bucketMinutes}-minute buckets, frozen ${snapshot.capturedAt.replace("T", " ").slice(0, 19)} UTC.`,
      ...metricLines,
    ].join("\n"),
    root_cause: i.resolutionSummary?.trim() || "The resolution summary was empty.",
    mitigation_resolution: [
      `**Mitigation:** ${i.mitigationSummary?.trim() || "the incident was not mitigated separately."}`,
      `**Resolution:** ${i.resolutionSummary?.trim() || "no resolution summary."}`,
    ].join("\n\n"),
    went_well: well.map((l) => `- ${l}`).join("\n") || "Nothing stood out from the recorded data.",
    went_badly: badly.map((l) => `- ${l}`).join("\n") || "Nothing stood out from the recorded data.",
    action_items: buildActionItemsText(actionItems),
  };
}

function alertLine(link: IncidentView["links"][number], fact: LinkedAlertFact | undefined): string {
  const linked = `(linked ${utc(link.createdAt)} by ${link.createdBy})`;
  if (!fact) return `- Alert \`${link.targetId}\` ${linked}`;
  const reading =
    fact.value === null
      ? "no value reported"
      : `value ${fact.value}${fact.threshold === null ? "" : ` vs threshold ${fact.threshold}`}`;
  return `- Alert \`${link.targetId}\` ${oneLine(fact.title)} (${fact.severity}): ${reading} at firing, ${utc(fact.firedAt)} ${linked}`;
}

/** Generated text replaces a section only where nobody has edited it; a new section is added. */
export function mergeSections(
  existing: PostmortemSection[],
  generated: Record<SectionKey, string>,
): PostmortemSection[] {
  return SECTION_KEYS.map((key) => {
    const old = existing.find((s) => s.key === key);
    if (old?.edited) return old;
    return { key, title: SECTION_TITLES[key], text: generated[key], edited: false };
  });
}

export const renderMarkdown = (sections: PostmortemSection[]) =>
  sections.map((s) => `## ${s.title}\n\n${s.text}`).join("\n\n") + "\n";
