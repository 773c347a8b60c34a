import { isManualUpdate } from "./attention";
import type { TimelineEntryView } from "./views";

type Person = { id: string; name: string } | null | undefined;

const ROLE_NAMES: Record<string, string> = {
  technicalLead: "Technical lead",
  communicator: "Communicator",
  commander: "Commander",
};
const LINK_NAMES: Record<string, string> = {
  alert: "Alert",
  error_group: "Error group",
  trace: "Trace",
  release: "Release",
};
const FIELD_NAMES: Record<string, string> = {
  title: "title",
  description: "description",
  mitigationSummary: "mitigation summary",
  resolutionSummary: "resolution summary",
};

const who = (person: Person) => person?.name ?? "nobody";
const list = (items: string[]) =>
  items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

const measured = (d: Record<string, unknown>) =>
  typeof d.value === "number"
    ? typeof d.threshold === "number"
      ? `: ${d.value} vs threshold ${d.threshold}`
      : `: ${d.value}`
    : "";

/**
 * The plain sentence an automatic timeline entry stands for ("Severity changed SEV3 → SEV2").
 * Manual entries (update, action, resolution) are their Markdown message instead.
 */
export function describeEntry(entry: Pick<TimelineEntryView, "kind" | "data" | "actor">): string {
  const d = entry.data as Record<string, unknown>;
  switch (entry.kind) {
    case "declared":
      return `Incident declared as ${d.severity} in ${d.environment}, affecting ${list((d.services as string[]) ?? [])}`;
    case "status_changed": {
      if (d.reason === "reopen") return "Incident reopened: back to investigating";
      if (d.reason === "regress") return "Impact returned: back to investigating";
      return `Status changed ${d.from} → ${d.to}`;
    }
    case "severity_changed":
      return `Severity ${d.direction === "escalated" ? "escalated" : "lowered"} ${d.from} → ${d.to}`;
    case "commander_changed":
      if (!d.to) return `Commander ${who(d.from as Person)} unassigned`;
      if (d.reason === "on_call")
        return `Assigned ${who(d.to as Person)} as commander (on call for ${d.service})`;
      return d.from
        ? `Commander changed from ${who(d.from as Person)} to ${who(d.to as Person)}`
        : `${who(d.to as Person)} assigned as commander`;
    case "role_changed": {
      const role = ROLE_NAMES[String(d.role)] ?? String(d.role);
      if (!d.to) return `${role} ${who(d.from as Person)} unassigned`;
      return d.from
        ? `${role} changed from ${who(d.from as Person)} to ${who(d.to as Person)}`
        : `${who(d.to as Person)} assigned as ${role.toLowerCase()}`;
    }
    case "service_added":
      return `Service ${d.service} added`;
    case "service_removed":
      return `Service ${d.service} removed`;
    case "environment_changed":
      return `Environment changed ${d.from} → ${d.to}`;
    case "impact_start_changed":
      return `Impact start set to ${String(d.to).replace("T", " ").slice(0, 16)} UTC${d.source === "alert" ? " (measured: first breach of the linked alerts)" : ""}`;
    case "details_changed": {
      const fields = ((d.fields as string[]) ?? []).map((f) => FIELD_NAMES[f] ?? f);
      return d.to
        ? `Title changed to “${d.to}”` +
            (fields.length > 1 ? ` (and ${list(fields.filter((f) => f !== "title"))} edited)` : "")
        : `Edited the ${list(fields)}`;
    }
    case "link_added":
      return `${LINK_NAMES[String(d.type)] ?? d.type} ${d.targetId} linked`;
    case "link_removed":
      return `${LINK_NAMES[String(d.type)] ?? d.type} ${d.targetId} unlinked`;
    case "alert_fired":
      // An alert known only by its id (another system's) was linked by a person: no title, no values.
      return d.title
        ? `Alert “${d.title}” fired${measured(d)} and was linked (${d.alertId})`
        : `Alert ${d.alertId} linked`;
    case "alert_resolved":
      return `Alert “${d.title}” resolved (${d.alertId})`;
    // Paging writes its sentence when it acts (lib/paging/page-log.ts): who, how, and why not.
    case "page_triggered":
    case "page_notified":
    case "page_escalated":
    case "page_acknowledged":
    case "page_resolved":
      return String(d.message ?? "Paging");
    // Status pages write their sentence too: "Published to the status page: <title>".
    case "public_incident_created":
    case "public_incident_updated":
    case "public_incident_resolved":
      return String(d.message ?? "Published to the status page");
    case "link_marked": {
      const mark = (role: unknown) =>
        role === "fix" ? "the fix" : role === "suspected_cause" ? "the suspected cause" : null;
      const name = `${LINK_NAMES[String(d.type)] ?? d.type} ${d.targetId}`;
      return mark(d.to)
        ? `${name} marked as ${mark(d.to)}`
        : `${name} no longer marked as ${mark(d.from) ?? "anything"}`;
    }
    case "postmortem_created":
      return d.automatic ? "Postmortem generated on resolution" : "Postmortem created";
    case "postmortem_refreshed":
      return "Postmortem refreshed: generated sections nobody edited were brought up to date";
    case "postmortem_status_changed":
      return `Postmortem ${d.to === "published" ? "published" : `moved ${String(d.from).replace("_", " ")} → ${String(d.to).replace("_", " ")}`}`;
    case "action_item_created":
      return `Action item “${d.title}” added`;
    case "action_item_changed": {
      const fields = ((d.fields as string[]) ?? []).join(", ");
      return d.to
        ? `Action item “${d.title}” ${String(d.from).replace("_", " ")} → ${String(d.to).replace("_", " ")}`
        : `Action item “${d.title}” edited (${fields})`;
    }
    case "update_overdue":
      return `No update for ${d.minutesSilent} min (${d.severity} needs one every ${d.intervalMinutes} min): reminder sent`;
    case "response_target_missed":
      return `Response target missed: still declared ${d.minutesSinceDeclared} min after declaration (${d.severity} target ${String(d.targetLabel ?? "")})`;
    default:
      return entry.kind.replace(/_/g, " ");
  }
}

/** A person's message (update, action, resolution): the one definition lives with the update-overdue rule. */
export const isManualEntry = isManualUpdate;
