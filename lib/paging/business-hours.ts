// Business hours in a service's time zone, Monday to Friday [start, end) local hours. DST-safe: the
// local time is read with Intl for each instant, never computed from a fixed offset.

export type BusinessHours = { timeZone: string; start: number; end: number };

const WEEKDAYS = new Set(["Mon", "Tue", "Wed", "Thu", "Fri"]);

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { weekday: get("weekday"), hour: Number(get("hour")), minute: Number(get("minute")) };
}

export function isBusinessTime(at: Date, hours: BusinessHours): boolean {
  const local = localParts(at, hours.timeZone);
  const minutes = local.hour * 60 + local.minute;
  return WEEKDAYS.has(local.weekday) && minutes >= hours.start * 60 && minutes < hours.end * 60;
}

const QUARTER = 15 * 60_000;

/** `at` itself when inside business hours, else the first quarter hour after it that is. */
export function nextBusinessTime(at: Date, hours: BusinessHours): Date {
  if (isBusinessTime(at, hours)) return at;
  // Every zone's offset is a multiple of 15 minutes, so business hours start on a quarter hour.
  let probe = Math.ceil(at.getTime() / QUARTER) * QUARTER;
  for (let i = 0; i < 8 * 24 * 4; i++, probe += QUARTER)
    if (isBusinessTime(new Date(probe), hours)) return new Date(probe);
  return at;
}
