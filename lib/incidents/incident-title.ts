// The title rule declare enforces (lib/incidents/schemas.ts), for callers that make a title from
// something else (an alert's, an event's) and must not fail on its length.
export const TITLE_MIN = 3;
export const TITLE_MAX = 200;

/** `text` trimmed and cut to the maximum; the fallback when it is too short to be a title. */
export function incidentTitleFrom(text: string | null | undefined, fallback: string): string {
  const trimmed = text?.trim() ?? "";
  return (trimmed.length >= TITLE_MIN ? trimmed : fallback).slice(0, TITLE_MAX);
}
