import type { ActionState } from "@/lib/http/action-state";

export const idleState: ActionState = { status: "idle" };

/** "services.2" belongs to the services control, like "services". */
export const fieldOf = (path: string) => path.split(".")[0];

const LABELS: Record<string, string> = {
  commanderId: "Commander",
  technicalLeadId: "Technical lead",
  communicatorId: "Communicator",
  mitigationSummary: "Mitigation summary",
  resolutionSummary: "Resolution summary",
  targetId: "ID",
  impactStartedAt: "Impact start",
};

/** The words a form uses for an error path: "mitigationSummary" → "Mitigation summary", "title" → "Title". */
export const fieldLabel = (path: string) =>
  LABELS[fieldOf(path)] ?? fieldOf(path).replace(/^\w/, (c) => c.toUpperCase());

/**
 * The one line under a small form (the incident page's panels, settings rows): success, conflict or
 * error. A conflict explains that the page was refreshed. Long forms use ErrorSummary instead.
 */
export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) {
    return (
      <p role="status" className="mt-2 text-xs text-emerald-700 dark:text-emerald-300">
        {state.message}
      </p>
    );
  }
  if (state.status !== "error") return null;
  const conflict = state.code === "precondition_failed";
  return (
    <p
      role="alert"
      className={`mt-2 rounded-md px-2.5 py-1.5 text-xs ${conflict ? "border border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" : "text-red-700 dark:text-red-300"}`}
    >
      {conflict
        ? "Someone else changed this incident while you were looking. The page now shows the latest state; check it and try again."
        : (firstFieldError(state) ?? state.message)}
    </p>
  );
}

const firstFieldError = (state: Extract<ActionState, { status: "error" }>) => {
  const entries = Object.entries(state.fieldErrors);
  if (entries.length === 0) return null;
  return entries
    .map(([path, message]) => (path && path !== "_" ? `${fieldLabel(path)}: ${message}` : message))
    .join(" ");
};
