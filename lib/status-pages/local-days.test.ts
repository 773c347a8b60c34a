import { describe, expect, it } from "vitest";
import { addDays, localDate, localDays, startOfLocalDay } from "./local-days";

const at = (iso: string) => new Date(iso).getTime();
const hours = (ms: number) => ms / 3_600_000;

describe("local days", () => {
  it("reads the local date of an instant", () => {
    expect(localDate(new Date("2026-12-07T23:30:00Z"), "UTC")).toBe("2026-12-07");
    expect(localDate(new Date("2026-12-07T23:30:00Z"), "Europe/Berlin")).toBe("2026-12-08");
    expect(localDate(new Date("2026-12-08T03:00:00Z"), "America/Los_Angeles")).toBe("2026-12-07");
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-12-08", -89)).toBe("2026-09-10");
  });

  it("starts a day at local midnight, also at odd offsets", () => {
    expect(startOfLocalDay("2026-12-08", "UTC")).toBe(at("2026-12-08T00:00:00Z"));
    expect(startOfLocalDay("2026-12-08", "Europe/Berlin")).toBe(at("2026-12-07T23:00:00Z"));
    expect(startOfLocalDay("2026-07-08", "Europe/Berlin")).toBe(at("2026-07-07T22:00:00Z"));
    expect(startOfLocalDay("2026-12-08", "Asia/Kathmandu")).toBe(at("2026-12-07T18:15:00Z"));
    expect(startOfLocalDay("2026-12-08", "America/St_Johns")).toBe(at("2026-12-08T03:30:00Z"));
  });

  it("gives the spring-forward day 23 hours and the fall-back day 25 (Europe/Berlin)", () => {
    const tz = "Europe/Berlin";
    expect(hours(startOfLocalDay("2026-03-30", tz) - startOfLocalDay("2026-03-29", tz))).toBe(23);
    expect(hours(startOfLocalDay("2026-10-26", tz) - startOfLocalDay("2026-10-25", tz))).toBe(25);
    expect(
      hours(
        startOfLocalDay("2026-03-09", "America/New_York") - startOfLocalDay("2026-03-08", "America/New_York"),
      ),
    ).toBe(23);
  });

  it("starts every day of a year at its first instant, in zones with DST at midnight or by 30 minutes", () => {
    for (const tz of [
      "UTC",
      "Europe/Berlin",
      "America/Santiago",
      "America/Havana",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Pacific/Chatham",
    ]) {
      for (let date = "2026-01-01"; date < "2027-01-01"; date = addDays(date, 1)) {
        const start = startOfLocalDay(date, tz);
        expect(localDate(start, tz), `${tz} ${date}`).toBe(date);
        expect(localDate(start - 1, tz), `${tz} ${date}`).toBe(addDays(date, -1));
        const length = hours(startOfLocalDay(addDays(date, 1), tz) - start);
        expect(length, `${tz} ${date}`).toBeGreaterThanOrEqual(23);
        expect(length, `${tz} ${date}`).toBeLessThanOrEqual(25);
      }
    }
  });

  it("lists contiguous days oldest first, the last holding now", () => {
    const now = new Date("2026-04-10T12:00:00Z");
    const days = localDays(now, "Europe/Berlin", 90);
    expect(days).toHaveLength(90);
    expect(days.at(-1)!.date).toBe("2026-04-10");
    expect(days[0].date).toBe("2026-01-11");
    for (let i = 1; i < days.length; i++) expect(days[i].start).toBe(days[i - 1].end);
    expect(days.at(-1)!.start).toBeLessThanOrEqual(now.getTime());
    expect(days.at(-1)!.end).toBeGreaterThan(now.getTime());
    expect(days.filter((day) => hours(day.end - day.start) === 23).map((day) => day.date)).toEqual([
      "2026-03-29",
    ]);
  });
});
