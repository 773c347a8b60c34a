import { describe, expect, it } from "vitest";
import { isBusinessTime, nextBusinessTime } from "./business-hours";

const berlin = { timeZone: "Europe/Berlin", start: 9, end: 17 };

describe("business hours in a service's time zone", () => {
  it("reads local weekday and hour (Berlin is UTC+1 in winter, UTC+2 in summer)", () => {
    expect(isBusinessTime(new Date("2026-01-12T08:00:00Z"), berlin)).toBe(true); // Mon 09:00 CET
    expect(isBusinessTime(new Date("2026-01-12T07:59:00Z"), berlin)).toBe(false);
    expect(isBusinessTime(new Date("2026-07-13T07:00:00Z"), berlin)).toBe(true); // Mon 09:00 CEST
    expect(isBusinessTime(new Date("2026-07-13T15:00:00Z"), berlin)).toBe(false); // Mon 17:00 CEST
    expect(isBusinessTime(new Date("2026-01-10T10:00:00Z"), berlin)).toBe(false); // Saturday
  });

  it("finds the next opening across a weekend and across the spring DST change", () => {
    // Friday 18:00 CET → Monday 09:00 CET.
    expect(nextBusinessTime(new Date("2026-01-09T17:00:00Z"), berlin).toISOString()).toBe(
      "2026-01-12T08:00:00.000Z",
    );
    // Saturday 28 March 2026 (CET) → Monday 30 March 09:00 CEST, after the clocks went forward on Sunday.
    expect(nextBusinessTime(new Date("2026-03-28T12:00:00Z"), berlin).toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
    // Inside hours: unchanged.
    const open = new Date("2026-03-30T10:00:00Z");
    expect(nextBusinessTime(open, berlin)).toBe(open);
  });

  it("handles half-hour zones (Kolkata, UTC+5:30)", () => {
    const kolkata = { timeZone: "Asia/Kolkata", start: 9, end: 18 };
    expect(nextBusinessTime(new Date("2026-01-12T00:00:00Z"), kolkata).toISOString()).toBe(
      "2026-01-12T03:30:00.000Z",
    );
  });
});
