import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "./schemas";
import { computeUptime, type ImpactInterval } from "./uptime";

const NOW = new Date("2026-12-08T12:00:00Z");
const DAY = 86_400_000;
const titles = new Map([
  ["pi_a", "Checkout errors"],
  ["pi_b", "Slow search"],
]);
const impact = (
  status: ComponentStatus,
  from: string,
  to: string | null,
  publicIncidentId: string | null = "pi_a",
): ImpactInterval => ({
  status,
  startedAt: new Date(from),
  endedAt: to ? new Date(to) : null,
  publicIncidentId,
});
const uptime = (
  impacts: ImpactInterval[],
  options: { createdAt?: Date; now?: Date; timeZone?: string } = {},
) =>
  computeUptime({
    createdAt: options.createdAt ?? new Date((options.now ?? NOW).getTime() - 200 * DAY),
    impacts,
    titles,
    now: options.now ?? NOW,
    timeZone: options.timeZone ?? "UTC",
  });
const day = (result: ReturnType<typeof uptime>, date: string) => result.days.find((d) => d.date === date)!;

describe("uptime bars", () => {
  it("are 90 operational days at 100 % without impacts, ending today", () => {
    const result = uptime([]);
    expect(result.days).toHaveLength(90);
    expect(result.days[0].date).toBe("2026-09-10");
    expect(result.days.at(-1)!.date).toBe("2026-12-08");
    expect(new Set(result.days.map((d) => d.status))).toEqual(new Set(["operational"]));
    expect(result.percent).toBe(100);
  });

  it("shows no data before the component existed and counts only the time since", () => {
    const createdAt = new Date("2026-11-28T18:00:00Z");
    const result = uptime([impact("major_outage", "2026-12-01T00:00:00Z", "2026-12-01T08:00:00Z")], {
      createdAt,
    });
    expect(result.days.filter((d) => d.status === "no_data").map((d) => d.date)).toHaveLength(79);
    expect(day(result, "2026-11-27").status).toBe("no_data");
    expect(day(result, "2026-11-28").status).toBe("operational");
    // 8 hours down of 9 days 18 hours observed.
    const observed = NOW.getTime() - createdAt.getTime();
    expect(result.percent).toBe(Math.floor((1 - (8 * 3_600_000) / observed) * 10_000) / 100);
    expect(result.percent).toBeLessThan(100);
  });

  it("counts full and partial outages as down, degraded performance and maintenance as up", () => {
    const result = uptime([
      impact("degraded_performance", "2026-12-01T10:00:00Z", "2026-12-01T20:00:00Z", "pi_b"),
      impact("under_maintenance", "2026-12-02T01:00:00Z", "2026-12-02T03:00:00Z", null),
      impact("partial_outage", "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z"),
    ]);
    expect(day(result, "2026-12-01")).toEqual({
      date: "2026-12-01",
      status: "degraded_performance",
      downSeconds: 0,
      incidents: [{ id: "pi_b", title: "Slow search", status: "degraded_performance", seconds: 36_000 }],
    });
    expect(day(result, "2026-12-02")).toMatchObject({
      status: "under_maintenance",
      downSeconds: 0,
      incidents: [],
    });
    expect(day(result, "2026-12-03")).toMatchObject({ status: "partial_outage", downSeconds: 3600 });
    expect(result.percent).toBe(Math.floor((1 - 3_600_000 / (90 * DAY - 12 * 3_600_000)) * 10_000) / 100);
  });

  it("colours a day by its worst impact and counts overlapping outages once", () => {
    const result = uptime([
      impact("partial_outage", "2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "pi_b"),
      impact("major_outage", "2026-12-05T11:00:00Z", "2026-12-05T13:00:00Z"),
      impact("degraded_performance", "2026-12-05T13:00:00Z", "2026-12-05T14:00:00Z"),
    ]);
    const bar = day(result, "2026-12-05");
    expect(bar.status).toBe("major_outage");
    expect(bar.downSeconds).toBe(3 * 3600);
    expect(bar.incidents).toEqual([
      { id: "pi_b", title: "Slow search", status: "partial_outage", seconds: 7200 },
      { id: "pi_a", title: "Checkout errors", status: "major_outage", seconds: 3 * 3600 },
    ]);
  });

  it("splits an outage at the page's local midnight, not UTC's", () => {
    // 23:00–01:00 in Berlin (UTC+1 in December) is 22:00–00:00 UTC: one UTC day, two Berlin days.
    const impacts = [impact("major_outage", "2026-12-04T22:00:00Z", "2026-12-05T00:00:00Z")];
    const berlin = uptime(impacts, { timeZone: "Europe/Berlin" });
    expect(day(berlin, "2026-12-04")).toMatchObject({ status: "major_outage", downSeconds: 3600 });
    expect(day(berlin, "2026-12-05")).toMatchObject({ status: "major_outage", downSeconds: 3600 });
    const utc = uptime(impacts);
    expect(day(utc, "2026-12-04")).toMatchObject({ status: "major_outage", downSeconds: 7200 });
    expect(day(utc, "2026-12-05").status).toBe("operational");
  });

  it("gives a whole-day outage on the spring-forward day 23 hours", () => {
    const now = new Date("2026-04-10T12:00:00Z");
    const result = uptime([impact("major_outage", "2026-03-28T22:00:00Z", "2026-03-30T00:00:00Z")], {
      now,
      timeZone: "Europe/Berlin",
    });
    expect(day(result, "2026-03-28")).toMatchObject({ downSeconds: 3600 });
    expect(day(result, "2026-03-29")).toMatchObject({ downSeconds: 23 * 3600 });
    // Midnight UTC is 02:00 in Berlin once summer time has begun.
    expect(day(result, "2026-03-30")).toMatchObject({ downSeconds: 7200 });
  });

  it("counts an open outage up to now and shows one that began this moment on today's bar", () => {
    const open = uptime([impact("partial_outage", "2026-12-08T11:00:00Z", null)]);
    expect(day(open, "2026-12-08")).toMatchObject({ status: "partial_outage", downSeconds: 3600 });
    const justNow = uptime([impact("major_outage", NOW.toISOString(), null)]);
    expect(day(justNow, "2026-12-08").status).toBe("major_outage");
    expect(justNow.percent).toBe(100);
  });

  it("floors the percentage so a second of outage shows below 100, and ignores time outside the window", () => {
    const result = uptime([
      impact("major_outage", "2026-12-07T10:00:00Z", "2026-12-07T10:00:01Z"),
      impact("major_outage", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"),
    ]);
    expect(result.percent).toBe(99.99);
    expect(day(result, "2026-12-07").downSeconds).toBe(1);
  });

  it("has no percentage for a component created this moment", () => {
    const result = uptime([], { createdAt: NOW });
    expect(result.percent).toBeNull();
    expect(result.days.at(-1)!.status).toBe("operational");
    expect(result.days.at(-2)!.status).toBe("no_data");
  });
});
