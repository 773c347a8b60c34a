import { describe, expect, it } from "vitest";
import { diffLines, formatAuditValue } from "./format-diff";

describe("diffLines", () => {
  it("shows a change, a creation and a removal compactly", () => {
    expect(
      diffLines({
        role: { from: "viewer", to: "admin" },
        events: { from: null, to: ["incident.declared"] },
        disabledAt: { from: "2026-03-01T00:00:00.000Z", to: null },
      }),
    ).toEqual([
      "role: viewer → admin",
      'events: ["incident.declared"]',
      "disabledAt: 2026-03-01T00:00:00.000Z → —",
    ]);
  });

  it("cuts long values", () => {
    expect(formatAuditValue("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
    expect(formatAuditValue(false)).toBe("false");
  });
});
