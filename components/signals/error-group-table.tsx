"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type DataTablePages } from "@/components/data-table";
import type { ErrorGroupListItem } from "@/lib/error-groups/schemas";
import { formatUtc } from "@/lib/format";
import { Sparkline, trendLabel } from "./sparkline";

const STATUS_TONE: Record<string, string> = {
  unresolved: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  resolved: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  ignored: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

type Sort = "last_seen" | "count";
type Props = {
  items: ErrorGroupListItem[];
  sort: Sort;
  /** The server sorts the whole list: each sortable header links to the list sorted by it. */
  sortHrefs: Record<Sort, string>;
  canDeclare: boolean;
  pages: DataTablePages;
};

function SortLink({
  label,
  sort,
  active,
  href,
}: {
  label: string;
  sort: Sort;
  active: boolean;
  href: string;
}) {
  return (
    <Link
      href={href}
      className="rounded hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
      data-sort={sort}
    >
      {label}
      {active && <span aria-hidden> ↓</span>}
    </Link>
  );
}

/** Error groups with their trend; the row menu declares an incident pre-filled from the group. */
export function ErrorGroupTable({ items, sort, sortHrefs, canDeclare, pages }: Props) {
  const sortColumn = (id: Sort, label: string, className: string): ColumnDef<ErrorGroupListItem> => ({
    id,
    header: () => <SortLink label={label} sort={id} active={sort === id} href={sortHrefs[id]} />,
    meta: { align: "right", ariaSort: sort === id ? "descending" : "none", className },
  });
  const columns: ColumnDef<ErrorGroupListItem>[] = [
    {
      id: "error",
      header: "Error",
      meta: { className: "max-w-md" },
      cell: ({ row: { original: g } }) => (
        <>
          <p className="truncate font-medium" title={g.title}>
            {g.title}
          </p>
          <p className="truncate font-mono text-xs text-slate-500">{g.culprit ?? g.fingerprint}</p>
          <span className={`mt-1 inline-block rounded px-1.5 text-[11px] ${STATUS_TONE[g.status]}`}>
            {g.status}
          </span>
        </>
      ),
    },
    {
      id: "service",
      header: "Service",
      meta: { className: "whitespace-nowrap" },
      cell: ({ row: { original: g } }) => (
        <>
          {g.service}
          <span className="block text-xs text-slate-500">{g.environment}</span>
        </>
      ),
    },
    {
      ...sortColumn("count", "Events", "tabular-nums"),
      cell: ({ row }) => row.original.count.toLocaleString("en-US"),
    },
    {
      id: "users",
      header: "Users",
      meta: { align: "right", className: "tabular-nums" },
      cell: ({ row }) => row.original.usersAffected.toLocaleString("en-US"),
    },
    {
      id: "trend",
      header: "Last 24 h",
      cell: ({ row }) => <Sparkline values={row.original.trend} label={trendLabel(row.original.trend)} />,
    },
    {
      id: "firstSeen",
      header: "First seen",
      meta: { className: "whitespace-nowrap text-xs tabular-nums" },
      cell: ({ row }) => formatUtc(row.original.firstSeen),
    },
    {
      ...sortColumn("last_seen", "Last seen", "whitespace-nowrap text-xs tabular-nums"),
      cell: ({ row }) => formatUtc(row.original.lastSeen),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { align: "right" },
      cell: ({ row: { original: g } }) =>
        canDeclare && (
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
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      data={items}
      rowKey={(g) => g.id}
      caption={`Error groups, sorted by ${sort === "count" ? "events" : "last seen"}`}
      rowProps={(g) => ({ "data-error-group": g.id })}
      pages={pages}
    />
  );
}
