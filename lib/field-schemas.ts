import { z } from "zod";

// Fields every domain's input schemas share; they live outside any one domain so that importing them
// ties no domain to another (lib/oncall, lib/releases, … once imported them from lib/incidents).

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const slug = z
  .string()
  .trim()
  .regex(SLUG_PATTERN, "Use lowercase letters, digits and dashes (e.g. payment-service).");

// Bounded so that every accepted time is one PostgreSQL can store and compute with (year 0 or
// 10000 would be a 500 deep in a query instead of a 422 here).
const inRange = (value: string) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 2999;
};
const RANGE_MESSAGE = "Must be between 1970 and 2999.";
export const isoDateTime = z.iso
  .datetime({ offset: true, message: "Use an ISO 8601 date-time such as 2026-03-15T14:35:00Z." })
  .refine(inRange, RANGE_MESSAGE);
export const isoDate = z.iso
  .date({ message: "Use a date such as 2026-03-15." })
  .refine(inRange, RANGE_MESSAGE);
