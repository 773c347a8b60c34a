const stateClass = {
  triggered: "bg-rose-700 text-white",
  acknowledged: "bg-amber-500 text-slate-950",
  resolved: "bg-emerald-700 text-white",
} as const;

export type PageState = keyof typeof stateClass;

export function PageStateBadge({ state }: { state: PageState }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium capitalize ${stateClass[state]}`}
    >
      {state}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: "high" | "low" }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        urgency === "high"
          ? "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200"
          : "bg-slate-100 text-slate-700 ring-slate-500/30 dark:bg-slate-800 dark:text-slate-200"
      }`}
    >
      {urgency} urgency
    </span>
  );
}
