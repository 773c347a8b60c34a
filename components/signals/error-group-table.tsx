import Link from "next/link";
import type { ErrorGroupListItem } from "@/lib/error-groups/schemas";
import { formatUtc } from "@/lib/format";
import { Sparkline, trendLabel } from "./sparkline";

const STATUS_TONE: Record<string, string> = {
  unresolved: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  resolved: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  ignored: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

type Props = {
  items: ErrorGroupListItem[];
  sort: "last_seen" | "count";
  sortHref: (sort: "last_seen" | "count") => string;
  canDeclare: boolean;
};

function SortHeader({
  label,
  sort,
  active,
  href,
}: {
  label: string;
  sort: string;
  active: boolean;
  href: string;
}) {
  return (
    <th scope="col" aria-sort={active ? "descending" : "none"} className="px-3 py-2 text-right font-medium">
      <Link
        href={href}
        className="rounded hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        data-sort={sort}
      >
        {label}
        {active && <span aria-hidden> ↓</span>}
      </Link>
    </th>
  );
}

/** Error groups with their trend; the row menu declares an incident pre-filled from the group. */
export function ErrorGroupTable({ items, sort, sortHref, canDeclare }: Props) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Error
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Service
            </th>
            <SortHeader label="Events" sort="count" active={sort === "count"} href={sortHref("count")} />
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Users
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Last 24 h
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              First seen
            </th>
            <SortHeader
              label="Last seen"
              sort="last_seen"
              active={sort === "last_seen"}
              href={sortHref("last_seen")}
            />
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((g) => (
            <tr key={g.id} data-error-group={g.id}>
              <td className="max-w-md px-3 py-2">
                <p className="truncate font-medium" title={g.title}>
                  {g.title}
                </p>
                <p className="truncate font-mono text-xs text-slate-500">{g.culprit ?? g.fingerprint}</p>
                <span className={`mt-1 inline-block rounded px-1.5 text-[11px] ${STATUS_TONE[g.status]}`}>
                  {g.status}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {g.service}
                <span className="block text-xs text-slate-500">{g.environment}</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{g.count.toLocaleString("en-US")}</td>
              <td className="px-3 py-2 text-right tabular-nums">{g.usersAffected.toLocaleString("en-US")}</td>
              <td className="px-3 py-2">
                <Sparkline values={g.trend} label={trendLabel(g.trend)} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap text-xs tabular-nums">{formatUtc(g.firstSeen)}</td>
              <td className="px-3 py-2 whitespace-nowrap text-right text-xs tabular-nums">
                {formatUtc(g.lastSeen)}
              </td>
              <td className="px-3 py-2 text-right">
                {canDeclare && (
                  <details className="relative inline-block text-left">
                    <summary
                      aria-label={`Actions for ${g.title}`}
                      className="cursor-pointer list-none rounded px-2 py-0.5 text-lg leading-none text-slate-500 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:hover:bg-slate-800"
                    >
                      ⋯
                    </summary>
                    <div className="absolute right-0 z-10 mt-1 w-44 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                      <Link
                        href={`/incidents/new?errorGroup=${encodeURIComponent(g.id)}`}
                        className="block px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                      >
                        Create Incident
                      </Link>
                    </div>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
