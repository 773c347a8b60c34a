import { parseInput } from "@/lib/validation";
import { timeZone } from "./schemas";

export const TIME_ZONE_COOKIE = "tz";

/**
 * The viewer's time zone for date-only due dates: the `tz` query parameter, else the `tz` cookie the
 * browser sets (components/time-zone-cookie.tsx), else UTC. A malformed value is a 422.
 */
export function timeZoneFrom(request: Request): string {
  const fromQuery = new URL(request.url).searchParams.get("tz");
  if (fromQuery !== null) return parseInput(timeZone, fromQuery);
  const cookie = request.headers.get("cookie")?.match(/(?:^|;\s*)tz=([^;]*)/)?.[1];
  return cookieTimeZone(cookie);
}

/** A cookie is the browser's claim, not the caller's request: one that names no zone falls back to UTC. */
export function cookieTimeZone(raw: string | undefined): string {
  if (!raw) return "UTC";
  const value = decodeURIComponent(raw);
  return timeZone.safeParse(value).success ? value : "UTC";
}
