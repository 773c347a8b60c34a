// An <input type="datetime-local"> has no time zone. Every such field in this product is labelled
// UTC, so its value is read and written as UTC here, and nowhere else.

const LOCAL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/;

/**
 * "2026-03-15T14:32" → "2026-03-15T14:32:00Z". Anything else (already zoned, or not a date) is passed on
 * unchanged for the use case's schema to accept or refuse with its own message.
 */
export function utcFromDatetimeLocal(value: string): string {
  const match = LOCAL.exec(value.trim());
  return match ? `${match[1]}${match[2] ?? ":00"}Z` : value;
}

/** An ISO instant as a datetime-local value in UTC, to the minute ("2026-03-15T14:32"). */
export const datetimeLocalFromUtc = (iso: string): string => new Date(iso).toISOString().slice(0, 16);
