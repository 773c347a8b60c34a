import { SEVERITIES } from "@/lib/incidents/severity";

/**
 * The settings form's fields (one per severity, minutes; empty = no reminder) as the use case's input.
 * Anything that is not a whole number is passed on as typed, so the use case's validation words the error.
 */
export function reminderSettingsFromForm(form: FormData) {
  const updateIntervalMinutes = Object.fromEntries(
    SEVERITIES.map((severity) => {
      const raw = String(form.get(severity) ?? "").trim();
      return [severity, raw === "" ? null : /^\d+$/.test(raw) ? Number(raw) : raw];
    }),
  );
  return { updateIntervalMinutes };
}
