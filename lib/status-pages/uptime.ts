import { worstStatus } from "./headline";
import { localDays } from "./local-days";
import type { ComponentUptime, UptimeDay } from "./public-snapshot";
import type { ComponentStatus } from "./schemas";

export const UPTIME_DAYS = 90;

/** incident.io's rule: only an outage is downtime; slow or in planned maintenance is still up. */
export const DOWN_STATUSES: readonly ComponentStatus[] = ["partial_outage", "major_outage"];

export type ImpactInterval = {
  status: ComponentStatus;
  startedAt: Date;
  /** null while it lasts. */
  endedAt: Date | null;
  publicIncidentId: string | null;
};

type Span = { start: number; end: number };

/** The length of the union of these spans (a component's intervals should not overlap; if they do, time counts once). */
function unionLength(spans: Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let current: Span | null = null;
  for (const span of sorted) {
    if (current && span.start <= current.end) current.end = Math.max(current.end, span.end);
    else {
      if (current) total += current.end - current.start;
      current = { ...span };
    }
  }
  return total + (current ? current.end - current.start : 0);
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** The parts of the intervals inside [from, to), with their interval. */
function clip(impacts: ImpactInterval[], from: number, to: number, now: number) {
  return impacts.flatMap((impact) => {
    const start = Math.max(impact.startedAt.getTime(), from);
    const end = Math.min(impact.endedAt?.getTime() ?? now, now, to);
    // An impact that began this very moment shows on today's bar although no time has passed.
    const justBegun = impact.endedAt === null && start === now && end === now && from <= now;
    return end > start || justBegun ? [{ impact, start, end }] : [];
  });
}

/**
 * A component's last `days` local days (in the page's time zone) and its uptime over them, from its
 * impact intervals: a day's status is the worst impact that touched it (operational when none),
 * `no_data` before the component existed; the percentage is the share of the time it existed in the
 * window that was not an outage (DOWN_STATUSES), floored to two decimals so any outage shows below
 * 100, and null when it has not existed for any time yet. `titles` names the public incidents.
 */
export function computeUptime(input: {
  createdAt: Date;
  impacts: ImpactInterval[];
  titles: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  days?: number;
}): ComponentUptime {
  const now = input.now.getTime();
  const born = input.createdAt.getTime();
  const days = localDays(input.now, input.timeZone, input.days ?? UPTIME_DAYS);
  const bars = days.map(({ date, start, end }): UptimeDay => {
    const from = Math.max(start, born);
    const to = Math.min(end, now);
    if (end <= born) return { date, status: "no_data", downSeconds: 0, incidents: [] };
    const pieces = clip(input.impacts, from, to, now);
    const byIncident = new Map<string, typeof pieces>();
    for (const piece of pieces) {
      const id = piece.impact.publicIncidentId;
      if (id && input.titles.has(id)) byIncident.set(id, [...(byIncident.get(id) ?? []), piece]);
    }
    return {
      date,
      status: worstStatus(pieces.map((piece) => piece.impact.status)),
      downSeconds: seconds(
        unionLength(pieces.filter((piece) => DOWN_STATUSES.includes(piece.impact.status))),
      ),
      incidents: [...byIncident].map(([id, mine]) => ({
        id,
        title: input.titles.get(id)!,
        status: worstStatus(mine.map((piece) => piece.impact.status)),
        seconds: seconds(unionLength(mine)),
      })),
    };
  });
  const from = Math.max(days[0].start, born);
  const observed = now - from;
  const down = unionLength(
    clip(input.impacts, from, now, now).filter((piece) => DOWN_STATUSES.includes(piece.impact.status)),
  );
  const percent = observed > 0 ? Math.floor((1 - down / observed) * 10_000) / 100 : null;
  return { percent, days: bars };
}
