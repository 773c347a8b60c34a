import { describe, expect, it } from "vitest";
import { describeEntry, isManualEntry } from "./describe-entry";

const entry = (kind: string, data: Record<string, unknown>) => ({ kind, data, actor: "Alex Chen" });
const alex = { id: "u1", name: "Alex Chen" };
const priya = { id: "u2", name: "Priya Natarajan" };

describe("describeEntry", () => {
  it.each([
    [
      entry("declared", {
        severity: "SEV1",
        environment: "production",
        services: ["payment-service", "checkout-api"],
      }),
      "Incident declared as SEV1 in production, affecting payment-service and checkout-api",
    ],
    [
      entry("status_changed", { from: "declared", to: "investigating", reason: "advance" }),
      "Status changed declared → investigating",
    ],
    [
      entry("status_changed", { from: "resolved", to: "investigating", reason: "reopen" }),
      "Incident reopened: back to investigating",
    ],
    [
      entry("status_changed", { from: "mitigated", to: "investigating", reason: "regress" }),
      "Impact returned: back to investigating",
    ],
    [
      entry("severity_changed", { from: "SEV3", to: "SEV2", direction: "escalated" }),
      "Severity escalated SEV3 → SEV2",
    ],
    [
      entry("severity_changed", { from: "SEV1", to: "SEV3", direction: "downgraded" }),
      "Severity lowered SEV1 → SEV3",
    ],
    [entry("commander_changed", { from: null, to: alex }), "Alex Chen assigned as commander"],
    [
      entry("commander_changed", { from: null, to: priya, reason: "on_call", service: "payment-service" }),
      "Assigned Priya Natarajan as commander (on call for payment-service)",
    ],
    [
      entry("commander_changed", { from: alex, to: priya }),
      "Commander changed from Alex Chen to Priya Natarajan",
    ],
    [entry("commander_changed", { from: priya, to: null }), "Commander Priya Natarajan unassigned"],
    [
      entry("role_changed", { role: "technicalLead", from: null, to: priya }),
      "Priya Natarajan assigned as technical lead",
    ],
    [
      entry("role_changed", { role: "communicator", from: alex, to: priya }),
      "Communicator changed from Alex Chen to Priya Natarajan",
    ],
    [entry("service_added", { service: "search-api" }), "Service search-api added"],
    [entry("service_removed", { service: "search-api" }), "Service search-api removed"],
    [
      entry("environment_changed", { from: "staging", to: "production" }),
      "Environment changed staging → production",
    ],
    [
      entry("impact_start_changed", { from: "2026-03-15T14:35:00.000Z", to: "2026-03-15T14:20:00.000Z" }),
      "Impact start set to 2026-03-15 14:20 UTC",
    ],
    [
      entry("details_changed", { fields: ["title"], from: "Old", to: "New title" }),
      "Title changed to “New title”",
    ],
    [
      entry("details_changed", { fields: ["description", "mitigationSummary"] }),
      "Edited the description and mitigation summary",
    ],
    [
      entry("link_added", { type: "alert", targetId: "alert_event_xyz789" }),
      "Alert alert_event_xyz789 linked",
    ],
    [entry("link_removed", { type: "error_group", targetId: "err_1" }), "Error group err_1 unlinked"],
    [
      entry("alert_fired", { alertId: "alt_1", title: "High error rate", value: 0.12, threshold: 0.05 }),
      "Alert “High error rate” fired: 0.12 vs threshold 0.05 and was linked (alt_1)",
    ],
    [
      entry("alert_fired", { alertId: "alt_2", title: "Disk full", value: null, threshold: null }),
      "Alert “Disk full” fired and was linked (alt_2)",
    ],
    [
      entry("alert_resolved", { alertId: "alt_1", title: "High error rate" }),
      "Alert “High error rate” resolved (alt_1)",
    ],
    [
      entry("link_marked", { type: "release", targetId: "rel_1", from: null, to: "suspected_cause" }),
      "Release rel_1 marked as the suspected cause",
    ],
    [
      entry("link_marked", { type: "release", targetId: "rel_1", from: "suspected_cause", to: "fix" }),
      "Release rel_1 marked as the fix",
    ],
    [
      entry("link_marked", { type: "release", targetId: "rel_1", from: "fix", to: null }),
      "Release rel_1 no longer marked as the fix",
    ],
    [
      entry("update_overdue", { severity: "SEV1", minutesSilent: 16, intervalMinutes: 15 }),
      "No update for 16 min (SEV1 needs one every 15 min): reminder sent",
    ],
    [
      entry("response_target_missed", {
        severity: "SEV2",
        minutesSinceDeclared: 31,
        targetLabel: "< 30 minutes",
      }),
      "Response target missed: still declared 31 min after declaration (SEV2 target < 30 minutes)",
    ],
  ])("%#: %j", (input, sentence) => {
    expect(describeEntry(input)).toBe(sentence);
  });

  it("tells manual entries from automatic ones", () => {
    expect(["update", "action", "resolution"].every(isManualEntry)).toBe(true);
    expect(isManualEntry("status_changed")).toBe(false);
    expect(isManualEntry("update_overdue")).toBe(false);
  });
});
