import { defineMaintenance } from "@/lib/jobs/maintenance";
import { purgeExpiredIdempotencyKeys } from "./idempotency-store";

// Expired keys are ignored on lookup already; the schedule keeps the table from growing without bound.
export const purgeIdempotencyKeysMaintenance = defineMaintenance(
  "http.purge-idempotency-keys",
  purgeExpiredIdempotencyKeys,
);
