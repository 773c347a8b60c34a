import { utcFromDatetimeLocal } from "@/lib/datetime-local";

/** The Declare form's fields, handed back to the form when the use case refuses them. */
export const DECLARE_FIELDS = [
  "title",
  "severity",
  "services",
  "environment",
  "description",
  "commanderId",
  "impactStartedAt",
];

// The schema's messages are written for API clients; an empty form control deserves plainer words.
const WHEN_EMPTY: Record<string, string> = {
  title: "Give the incident a short title that says what is broken.",
  severity: "Choose a severity.",
  environment: "Choose an environment.",
};

const text = (form: FormData, key: string) => {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
};

/**
 * Turns the Declare form into the input `declareIncident` validates. Empty optional controls are left
 * out rather than sent as "" (no commander, no description, impact start = now); `services` repeats;
 * the impact start is a datetime-local value in UTC.
 */
export function declareFromForm(form: FormData) {
  const commanderId = text(form, "commanderId");
  const impactStartedAt = text(form, "impactStartedAt").trim();
  const description = text(form, "description");
  return {
    title: text(form, "title"),
    severity: text(form, "severity") || undefined,
    services: form.getAll("services").filter((value): value is string => typeof value === "string"),
    environment: text(form, "environment"),
    description: description.trim() ? description : undefined,
    commanderId: commanderId || undefined,
    impactStartedAt: impactStartedAt ? utcFromDatetimeLocal(impactStartedAt) : undefined,
  };
}

/** Field errors with the plainer words for the required controls the user left empty. */
export function explainEmptyFields(
  fieldErrors: Record<string, string>,
  form: FormData,
): Record<string, string> {
  const explained = { ...fieldErrors };
  for (const [field, message] of Object.entries(WHEN_EMPTY)) {
    if (explained[field] && !text(form, field).trim()) explained[field] = message;
  }
  return explained;
}
