import { useState } from "react";
import type { ActionState } from "@/lib/http/action-state";

/**
 * A refused action's field errors, each dropped once its field is edited: the composer's fields are
 * controlled (the preview follows them), so a corrected title would otherwise still say "Give a title."
 * until the next submit. Component errors ("components.0.componentId") count as "components".
 */
export function useFieldErrors(state: ActionState) {
  const [source, setSource] = useState(state);
  const [edited, setEdited] = useState<string[]>([]);
  if (source !== state) {
    setSource(state);
    setEdited([]);
  }
  const all = state.status === "error" ? state.fieldErrors : {};
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(all)) {
    const field = path.startsWith("components") ? "components" : path;
    if (!edited.includes(field)) errors[field] ??= message;
  }
  const stale = state.status === "error" && Object.keys(all).length > 0 && Object.keys(errors).length === 0;
  return {
    errors,
    /** The state for FormMessage: nothing once every field it named was edited. */
    shown: stale ? ({ status: "idle" } as const) : state,
    edit: (field: string) => setEdited((list) => (list.includes(field) ? list : [...list, field])),
  };
}
