// Calendar days in an IANA time zone, with nothing but Intl: the uptime bars split time at the
// page's local midnights, which move with daylight saving (a day may last 23 or 25 hours, and in a
// few zones midnight itself is skipped).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localParts(at: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at)))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(at: Date | number, timeZone: string): string {
  const p = localParts(typeof at === "number" ? at : at.getTime(), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The date `days` days after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of a local date in the zone. Midnight is found from the offsets in force a day
 * either side (a day has at most one transition); where midnight does not exist (clocks jump from
 * 23:59 to 01:00) the day starts at the jump, and where it happens twice, at the first.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d);
  const candidates = [wall - 86_400_000, wall, wall + 86_400_000].map(
    (probe) => wall - offsetAt(probe, timeZone),
  );
  const found = candidates.filter((at) => localDate(at, timeZone) === date);
  return found.length ? Math.min(...found) : candidates[1];
}

/** The `count` local days ending with the one `now` falls in, oldest first, each [start, end). */
export function localDays(now: Date, timeZone: string, count: number) {
  const today = localDate(now, timeZone);
  return Array.from({ length: count }, (_, index) => {
    const date = addDays(today, index - count + 1);
    return {
      date,
      start: startOfLocalDay(date, timeZone),
      end: startOfLocalDay(addDays(date, 1), timeZone),
    };
  });
}
