import { OPEN_STATUSES, type ActionItemStatus } from "./schemas";

/** The calendar date it is now in `timeZone` (YYYY-MM-DD). */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/**
 * A due date is a day, not an instant: an item due 2026-03-15 is overdue once 15 March has ended
 * where the viewer is, so the same item can be overdue in Tokyo and not yet in Los Angeles.
 */
export function isOverdue(
  item: { dueDate: string | null; status: string },
  timeZone: string,
  now: Date,
): boolean {
  if (!item.dueDate || !OPEN_STATUSES.includes(item.status as ActionItemStatus)) return false;
  return item.dueDate < todayIn(timeZone, now);
}
