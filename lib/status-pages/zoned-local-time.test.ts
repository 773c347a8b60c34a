import { describe, expect, it } from "vitest";
import { instantFromZonedLocal, zonedLocalFromInstant } from "./zoned-local-time";

describe("datetime-local in a page's time zone", () => {
  it("reads wall times in the zone, either side of a clock change", () => {
    expect(instantFromZonedLocal("2026-12-08T14:00", "Europe/Berlin")).toBe("2026-12-08T13:00:00.000Z");
    expect(instantFromZonedLocal("2026-07-08T14:00", "Europe/Berlin")).toBe("2026-07-08T12:00:00.000Z");
    expect(instantFromZonedLocal("2026-03-08T01:30", "America/New_York")).toBe("2026-03-08T06:30:00.000Z");
    expect(instantFromZonedLocal("2026-03-08T03:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(instantFromZonedLocal("2026-12-08T14:00", "UTC")).toBe("2026-12-08T14:00:00.000Z");
  });
  it("passes anything else on for the schema to refuse", () => {
    expect(instantFromZonedLocal("", "UTC")).toBe("");
    expect(instantFromZonedLocal("tomorrow", "UTC")).toBe("tomorrow");
  });
  it("writes an instant back as the zone's wall time", () => {
    expect(zonedLocalFromInstant(new Date("2026-12-08T13:00:00Z"), "Europe/Berlin")).toBe("2026-12-08T14:00");
    expect(zonedLocalFromInstant(new Date("2026-07-08T12:00:00Z"), "Asia/Kolkata")).toBe("2026-07-08T17:30");
  });
});
