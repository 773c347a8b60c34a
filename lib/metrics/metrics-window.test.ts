import { describe, expect, it } from "vitest";
import { metricsWindow, MetricsQuery } from "./schemas";

const windowOf = (query: Record<string, string>, now: string) => {
  const w = metricsWindow(MetricsQuery.parse(query), new Date(now));
  return [w.previousFrom, w.from, w.to].map((d) => d.toISOString());
};

describe("metricsWindow", () => {
  it("makes a preset the last N whole UTC days, today included, after N days before them", () => {
    expect(windowOf({ range: "7d" }, "2026-06-10T15:42:07.123Z")).toEqual([
      "2026-05-28T00:00:00.000Z",
      "2026-06-04T00:00:00.000Z",
      "2026-06-11T00:00:00.000Z",
    ]);
    expect(windowOf({}, "2026-03-01T00:00:00.000Z")).toEqual([
      "2026-01-01T00:00:00.000Z",
      "2026-01-31T00:00:00.000Z",
      "2026-03-02T00:00:00.000Z",
    ]);
    expect(windowOf({ range: "90d" }, "2026-12-31T23:59:59.999Z")).toEqual([
      "2026-07-05T00:00:00.000Z",
      "2026-10-03T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("is the same window as from/to naming those days, and a from alone runs through today", () => {
    expect(windowOf({ from: "2026-06-04", to: "2026-06-10" }, "2026-06-10T15:42:07.123Z")).toEqual(
      windowOf({ range: "7d" }, "2026-06-10T15:42:07.123Z"),
    );
    expect(windowOf({ from: "2026-06-01" }, "2026-06-10T15:42:07.123Z")).toEqual([
      "2026-05-22T00:00:00.000Z",
      "2026-06-01T00:00:00.000Z",
      "2026-06-11T00:00:00.000Z",
    ]);
    expect(windowOf({ to: "2026-06-10" }, "2026-09-01T08:00:00.000Z")).toEqual([
      "2026-04-12T00:00:00.000Z",
      "2026-05-12T00:00:00.000Z",
      "2026-06-11T00:00:00.000Z",
    ]);
  });
});
