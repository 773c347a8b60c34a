import { validationError } from "@/lib/errors";

/**
 * The /workflows form → use-case input. The actions editor sends its list as JSON in one hidden
 * field (a list of differently shaped objects has no natural flat form encoding); the use case
 * validates the result like any API body.
 */
export function workflowFromForm(form: FormData) {
  const text = String(form.get("actions") ?? "[]");
  let actions: unknown;
  try {
    actions = JSON.parse(text);
  } catch {
    throw validationError([
      { path: "actions", message: "The actions could not be read; reload the page and try again." },
    ]);
  }
  return {
    name: String(form.get("name") ?? ""),
    trigger: String(form.get("trigger") ?? ""),
    condition: String(form.get("condition") ?? ""),
    actions,
    enabled: form.get("enabled") === "on",
  };
}
