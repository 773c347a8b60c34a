import { describe, expect, it } from "vitest";
import { incidentEventsFromTimeline } from "@/lib/events/incident-events";
import { AUTOMATIC_KINDS } from "@/lib/incidents/timeline-writer";
import { LIVE_EVENT_NAMES } from "./event-names";

describe("LIVE_EVENT_NAMES", () => {
  it("names every event a timeline entry can announce, so the browser listens for each", () => {
    const rows = [...AUTOMATIC_KINDS, "update", "action", "resolution"].map((kind, i) => ({
      id: i + 1,
      incidentId: "INC-2026-0001",
      kind,
      actor: "test",
      actorUserId: null,
      message: null,
      data: kind === "status_changed" ? { to: "resolved" } : {},
      createdAt: new Date(),
    }));
    const announced = incidentEventsFromTimeline(rows).map((event) => event.type);
    expect(announced.filter((type) => !LIVE_EVENT_NAMES.includes(type))).toEqual([]);
  });
});
