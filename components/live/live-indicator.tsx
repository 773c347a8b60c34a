import type { LiveStatus } from "./use-event-stream";

const LOOK: Record<LiveStatus, { label: string; dot: string; title: string }> = {
  live: { label: "Live", dot: "bg-emerald-500", title: "Changes appear here as they happen." },
  connecting: { label: "Connecting…", dot: "bg-slate-400", title: "Opening the live connection." },
  reconnecting: {
    label: "Reconnecting…",
    dot: "bg-amber-500",
    title: "The live connection dropped; what was missed is shown once it is back.",
  },
};

/** A small status pill: whether the page is following changes right now. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const look = LOOK[status];
  return (
    <span
      role="status"
      aria-live="polite"
      title={look.title}
      data-live-status={status}
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
    >
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${look.dot} ${status === "live" ? "" : "animate-pulse"}`}
      />
      {look.label}
    </span>
  );
}
