"use client";

import type { ActionState } from "@/lib/http/action-state";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400 dark:border-slate-700 dark:bg-slate-900";
export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";

export const idleState: ActionState = { status: "idle" };

/** The incident a form acts on, and the version it was rendered from (a stale one is refused). */
export function IncidentFields({ incidentId, version }: { incidentId: string; version?: number }) {
  return (
    <>
      <input type="hidden" name="incidentId" value={incidentId} />
      {version !== undefined && <input type="hidden" name="version" value={version} />}
    </>
  );
}

/** Success, conflict or error line under a form; a conflict explains that the page was refreshed. */
export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === "ok" && state.message) {
    return <p role="status" className="mt-2 text-xs text-emerald-700 dark:text-emerald-300">{state.message}</p>;
  }
  if (state.status !== "error") return null;
  const conflict = state.code === "precondition_failed";
  return (
    <p role="alert" className={`mt-2 rounded-md px-2.5 py-1.5 text-xs ${conflict ? "border border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" : "text-red-700 dark:text-red-300"}`}>
      {conflict
        ? "Someone else changed this incident while you were looking. The page now shows the latest state; check it and try again."
        : firstFieldError(state) ?? state.message}
    </p>
  );
}

const firstFieldError = (state: Extract<ActionState, { status: "error" }>) => {
  const entries = Object.entries(state.fieldErrors);
  if (entries.length === 0) return null;
  return entries.map(([path, message]) => (path && path !== "_" ? `${label(path)}: ${message}` : message)).join(" ");
};

const LABELS: Record<string, string> = {
  mitigationSummary: "Mitigation summary",
  resolutionSummary: "Resolution summary",
  targetId: "ID",
  impactStartedAt: "Impact start",
};
const label = (path: string) => LABELS[path.split(".")[0]] ?? path.split(".")[0].replace(/^\w/, (c) => c.toUpperCase());
