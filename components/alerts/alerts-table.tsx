"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { AlertSeverityBadge, AlertStatusBadge, utc } from "@/components/alerts/alert-badges";
import { DataTable, type DataTablePages } from "@/components/data-table";
import type { AlertView } from "@/lib/alerts/views";

/** What the list shows of an alert (its labels and annotations stay on the detail page). */
export type AlertRow = Pick<
  AlertView,
  "id" | "status" | "severity" | "title" | "service" | "environment" | "source" | "startsAt" | "fireCount"
>;

const columns: ColumnDef<AlertRow>[] = [
  { id: "status", header: "Status", cell: ({ row }) => <AlertStatusBadge status={row.original.status} /> },
  {
    id: "severity",
    header: "Severity",
    cell: ({ row }) => <AlertSeverityBadge severity={row.original.severity} />,
  },
  {
    id: "alert",
    header: "Alert",
    cell: ({ row: { original: a } }) => (
      <Link href={`/alerts/${a.id}`} className="font-medium hover:underline">
        {a.title}
      </Link>
    ),
  },
  {
    id: "service",
    header: "Service",
    cell: ({ row: { original: a } }) => (
      <>
        {a.service ?? "—"} <span className="text-slate-500">· {a.environment}</span>
      </>
    ),
  },
  { id: "source", header: "Source", cell: ({ row }) => row.original.source },
  {
    id: "started",
    header: "Started",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => utc(row.original.startsAt),
  },
  {
    id: "count",
    header: "Count",
    meta: { align: "right", className: "tabular-nums" },
    cell: ({ row }) => row.original.fireCount,
  },
];

/** One page of alerts, firing first then the newest start, as the server pages them. */
export function AlertsTable({ alerts, pages }: { alerts: AlertRow[]; pages: DataTablePages }) {
  return (
    <DataTable
      columns={columns}
      data={alerts}
      rowKey={(a) => a.id}
      caption="Alerts, firing first, then the newest start"
      pages={pages}
    />
  );
}
