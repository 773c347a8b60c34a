import { describe, expect, it } from "vitest";
import { renderStaticMarkup } from "@/lib/status-pages/static-markup";
import { computeUptime } from "@/lib/status-pages/uptime";
import { describeDay, UptimeBars } from "./uptime-bars";

const day = (over: Partial<Parameters<typeof describeDay>[0]>) => ({
  date: "2026-12-05",
  status: "operational" as const,
  downSeconds: 0,
  incidents: [],
  ...over,
});

describe("an uptime bar's description", () => {
  it("says the day, its worst impact, the downtime and each public incident", () => {
    expect(describeDay(day({ status: "no_data" }))).toBe("5 Dec 2026: no data.");
    expect(describeDay(day({}))).toBe("5 Dec 2026: no incidents.");
    expect(
      describeDay(
        day({
          status: "major_outage",
          downSeconds: 2 * 3600 + 5 * 60,
          incidents: [
            { id: "pi_1", title: "Checkout errors", status: "major_outage", seconds: 2 * 3600 + 5 * 60 },
          ],
        }),
      ),
    ).toBe("5 Dec 2026: major outage, down 2 h 5 min. Checkout errors: major outage for 2 h 5 min.");
    expect(describeDay(day({ status: "degraded_performance" }))).toBe(
      "5 Dec 2026: degraded performance, no downtime.",
    );
    // An outage that began as the snapshot was built.
    expect(describeDay(day({ status: "partial_outage" }))).toBe(
      "5 Dec 2026: partial outage, down under a minute.",
    );
  });

  it("renders one focusable bar per day with its description and the percentage", () => {
    const now = new Date("2026-12-08T12:00:00Z");
    const uptime = computeUptime({
      createdAt: new Date("2026-11-01T00:00:00Z"),
      impacts: [
        {
          status: "major_outage",
          startedAt: new Date("2026-12-05T10:00:00Z"),
          endedAt: new Date("2026-12-05T11:00:00Z"),
          publicIncidentId: null,
        },
      ],
      titles: new Map(),
      now,
      timeZone: "UTC",
    });
    const html = renderStaticMarkup(<UptimeBars uptime={uptime} />);
    expect(html.match(/<li tabindex="0"/g)).toHaveLength(90);
    expect(html).toContain(
      '<li tabindex="0" class="bar-major_outage" data-status="major_outage"><span class="tip">5 Dec 2026: major outage, down 1 h.</span></li>',
    );
    expect(html).toContain('class="bar-no_data"');
    expect(html).toContain(`${uptime.percent!.toFixed(2)} % uptime`);
    expect(renderStaticMarkup(<UptimeBars uptime={undefined} />)).toBe("");
  });
});
