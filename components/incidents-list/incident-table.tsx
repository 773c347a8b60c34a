"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type DataTablePages } from "@/components/data-table";
import { SeverityBadge, StatusBadge } from "@/components/badges";
import { TickingDuration } from "@/components/ticking-duration";
import { formatUtc } from "@/lib/format";
import { STATUSES } from "@/lib/incidents/lifecycle";
import { severityRank } from "@/lib/incidents/severity";
import type { IncidentListItem } from "@/lib/incidents/views";

export type IncidentRow = IncidentListItem & { updateOverdue: boolean; responseBreached: boolean };

const durationOf = (row: IncidentRow, now: number) =>
  (row.resolvedAt ? row.resolvedAt.getTime() : now) - row.createdAt.getTime();

function Flag({ tone, children }: { tone: "red" | "amber"; children: React.ReactNode }) {
  const colours =
    tone === "red"
      ? "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200"
      : "bg-amber-50 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-100";
  return (
    <span
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-semibold ring-1 ring-inset ${colours}`}
    >
      {children}
    </span>
  );
}

const columns: ColumnDef<IncidentRow>[] = [
  {
    id: "status",
    header: "Status",
    accessorFn: (row) => STATUSES.indexOf(row.status),
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  },
  {
    id: "severity",
    header: "Severity",
    accessorFn: (row) => severityRank(row.severity),
    cell: ({ row }) => <SeverityBadge severity={row.original.severity} />,
  },
  {
    id: "incident",
    header: "Incident",
    accessorFn: (row) => row.title.toLowerCase(),
    cell: ({ row: { original: incident } }) => (
      <div className="min-w-56">
        <Link
          href={`/incidents/${incident.id}`}
          className="font-medium hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          <span className="mr-2 font-mono text-xs text-slate-500">{incident.id}</span>
          {incident.title}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <span>
            {incident.services.join(", ")} · {incident.environment}
          </span>
          {incident.responseBreached && <Flag tone="red">Response target missed</Flag>}
          {incident.updateOverdue && <Flag tone="amber">Update overdue</Flag>}
        </div>
      </div>
    ),
  },
  {
    id: "duration",
    header: "Duration",
    accessorFn: (row) => durationOf(row, Date.now()),
    cell: ({ row }) => (
      <TickingDuration
        since={row.original.createdAt.toISOString()}
        until={row.original.resolvedAt?.toISOString() ?? null}
      />
    ),
  },
  {
    id: "commander",
    header: "Commander",
    accessorFn: (row) => row.commander?.name ?? "",
    cell: ({ row }) => row.original.commander?.name ?? <span className="text-slate-500">Unassigned</span>,
  },
  {
    id: "lastUpdate",
    header: "Last update",
    accessorFn: (row) => row.lastUpdate?.at.getTime() ?? 0,
    cell: ({ row }) => {
      const last = row.original.lastUpdate;
      if (!last) return null;
      return (
        <div className="max-w-xs">
          <time dateTime={last.at.toISOString()} className="text-xs text-slate-500">
            {formatUtc(last.at)}
          </time>
          <p className="truncate text-xs" title={last.summary}>
            {last.summary}
          </p>
        </div>
      );
    },
  },
];

/** One page of incidents; column headers sort the page in place (the server pages newest first). */
export function IncidentTable({ rows, pages }: { rows: IncidentRow[]; pages: DataTablePages }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      rowKey={(row) => row.id}
      caption="Incidents, newest first; select a column header to sort this page."
      sortable
      rowProps={(row) => ({ className: "align-top", "data-incident": row.id })}
      pages={pages}
    />
  );
}
