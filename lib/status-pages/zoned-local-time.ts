// A datetime-local field has no zone; the maintenance form's are in the page's time zone (the one its
// readers see), so they are read and written here with that zone.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The zone's offset from UTC at `at`, in milliseconds (Intl knows every zone's rules). */
function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(at))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * "2026-12-08T14:00" in Europe/Berlin → "2026-12-08T13:00:00.000Z". A wall time skipped by a clock
 * change lands just after it. Anything else is passed on unchanged for the schema to refuse.
 */
export function instantFromZonedLocal(value: string, timeZone: string): string {
  const match = LOCAL.exec(value.trim());
  if (!match) return value;
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0));
  // Two passes: the offset at the first guess may differ from the offset at the answer (near a change).
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return new Date(at).toISOString();
}

/** An instant as a datetime-local value in the zone, to the minute. */
export function zonedLocalFromInstant(at: Date, timeZone: string): string {
  return new Date(at.getTime() + offsetAt(at.getTime(), timeZone)).toISOString().slice(0, 16);
}

/** "8 Dec 2026, 14:00 CET": the page's own zone, as the page shows it. */
export const inZone = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
