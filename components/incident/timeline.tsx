import Link from "next/link";
import { Markdown } from "@/components/markdown";
import { describeEntry, isManualEntry } from "@/lib/incidents/describe-entry";
import type { TimelineEntryView } from "@/lib/incidents/views";
import { formatUtc } from "@/lib/format";

// Small inline icons (no icon font or emoji: they must render the same everywhere).
const ICONS: Record<string, { path: string; tone: string }> = {
  declared: {
    path: "M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z",
    tone: "bg-rose-100 text-rose-700 dark:bg-rose-950 dark:text-rose-300",
  },
  status_changed: {
    path: "M5 12h14m-6-6 6 6-6 6",
    tone: "bg-sky-100 text-sky-700 dark:bg-sky-950 dark:text-sky-300",
  },
  severity_changed: {
    path: "m6 15 6-6 6 6",
    tone: "bg-orange-100 text-orange-700 dark:bg-orange-950 dark:text-orange-300",
  },
  commander_changed: {
    path: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 9a7 7 0 0 1 14 0",
    tone: "bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300",
  },
  role_changed: {
    path: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 9a7 7 0 0 1 14 0",
    tone: "bg-violet-100 text-violet-700 dark:bg-violet-950 dark:text-violet-300",
  },
  link_added: {
    path: "M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1m-2 5a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1",
    tone: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
  },
  update: {
    path: "M4 5h16M4 12h16M4 19h10",
    tone: "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  },
  action: {
    path: "M13 2 3 14h9l-1 8 10-12h-9l1-8Z",
    tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  update_overdue: {
    path: "M12 7v5l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z",
    tone: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  },
  response_target_missed: {
    path: "M12 7v5l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z",
    tone: "bg-rose-100 text-rose-700 dark:bg-rose-950 dark:text-rose-300",
  },
  resolution: {
    path: "m5 13 4 4L19 7",
    tone: "bg-emerald-100 text-emerald-700 dark:bg-emerald-950 dark:text-emerald-300",
  },
};
const FALLBACK = {
  path: "M12 8v8m-4-4h8",
  tone: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};
const iconFor = (kind: string) => ICONS[kind] ?? ICONS[kind.replace("removed", "added")] ?? FALLBACK;

const TYPE_LABEL: Record<string, string> = { update: "Update", action: "Action", resolution: "Resolution" };

/** The single source of truth, oldest first: automatic entries as sentences, manual ones as Markdown. */
export function Timeline({
  entries,
  offerActionItems = false,
}: {
  entries: TimelineEntryView[];
  offerActionItems?: boolean;
}) {
  return (
    <ol
      className="relative space-y-4 border-l border-slate-200 pl-6 dark:border-slate-800"
      aria-label="Timeline"
    >
      {entries.map((entry) => {
        const icon = iconFor(entry.kind);
        const manual = isManualEntry(entry.kind);
        const status =
          entry.kind === "status_changed" ? (entry.data as { summary?: string }).summary : undefined;
        return (
          <li key={entry.id} className="relative" data-kind={entry.kind}>
            <span
              className={`absolute -left-[35px] flex h-6 w-6 items-center justify-center rounded-full ring-4 ring-slate-50 dark:ring-slate-950 ${icon.tone}`}
              aria-hidden
            >
              <svg
                viewBox="0 0 24 24"
                className="h-3.5 w-3.5"
                fill="none"
                stroke="currentColor"
                strokeWidth={2.2}
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={icon.path} />
              </svg>
            </span>
            <div className="flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
              <time dateTime={entry.createdAt.toISOString()}>{formatUtc(entry.createdAt)}</time>
              <span>·</span>
              <span className="font-medium text-slate-700 dark:text-slate-300">{entry.actor}</span>
              {manual && (
                <span className="rounded bg-slate-100 px-1.5 py-px font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                  {TYPE_LABEL[entry.kind]}
                </span>
              )}
              {offerActionItems && (
                <Link
                  href={`/action-items?incidentId=${encodeURIComponent(entry.incidentId)}&fromEntry=${entry.id}`}
                  className="ml-auto text-slate-500 underline hover:text-slate-900 dark:hover:text-white"
                >
                  Make this an action item
                </Link>
              )}
            </div>
            {manual ? (
              <div className="mt-1 rounded-md border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
                <Markdown>{entry.message ?? ""}</Markdown>
              </div>
            ) : (
              <p className="mt-0.5 text-sm">{describeEntry(entry)}</p>
            )}
            {status && (
              <Markdown className="mt-1 border-l-2 border-slate-200 pl-3 text-slate-600 dark:border-slate-700 dark:text-slate-400">
                {status}
              </Markdown>
            )}
          </li>
        );
      })}
    </ol>
  );
}
