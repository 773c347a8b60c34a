import { utcFromDatetimeLocal } from "@/lib/datetime-local";
import { validationError } from "@/lib/errors";

const TEXT_FIELDS = [
  "status",
  "severity",
  "title",
  "description",
  "environment",
  "mitigationSummary",
  "resolutionSummary",
] as const;
const PERSON_FIELDS = ["commanderId", "technicalLeadId", "communicatorId"] as const;

/**
 * Turns an incident form into the PATCH input the use case validates. Only fields present in the form
 * are sent; an empty person select means "unassign"; `services` repeats; the impact start is a
 * datetime-local value in UTC. `version` is the state the form was rendered from (stale → 412).
 */
export function patchFromForm(form: FormData): { patch: Record<string, unknown>; expectedVersion?: number } {
  const patch: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = form.get(field);
    if (typeof value === "string" && (value !== "" || field === "description")) patch[field] = value;
  }
  for (const field of PERSON_FIELDS) {
    const value = form.get(field);
    if (typeof value === "string") patch[field] = value === "" ? null : value;
  }
  if (form.has("services")) patch.services = form.getAll("services").map(String).filter(Boolean);
  // The form shows the impact start to the minute; sending it back unchanged would round the real
  // time down, so it is only sent when the user changed it.
  const impact = form.get("impactStartedAt");
  if (typeof impact === "string" && impact !== "" && impact !== form.get("impactStartedAtShown")) {
    patch.impactStartedAt = utcFromDatetimeLocal(impact);
  }

  const version = form.get("version");
  let expectedVersion: number | undefined;
  if (typeof version === "string" && version !== "") {
    expectedVersion = Number(version);
    if (!Number.isInteger(expectedVersion))
      throw validationError([{ path: "version", message: "Reload the page." }]);
  }
  return { patch, expectedVersion };
}
