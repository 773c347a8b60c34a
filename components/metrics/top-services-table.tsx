"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";

export type TopService = { service: string; incidents: number; minutes: number };

/** The services with the most incidents in the window; each links to those incidents. */
export function TopServicesTable({ rows, from, to }: { rows: TopService[]; from: string; to: string }) {
  const columns: ColumnDef<TopService>[] = [
    {
      id: "service",
      header: "Service",
      accessorFn: (s) => s.service,
      cell: ({ row: { original: s } }) => (
        <Link
          className="underline-offset-2 hover:underline"
          href={`/incidents?service=${s.service}&from=${from}&to=${to}`}
        >
          {s.service}
        </Link>
      ),
    },
    {
      id: "incidents",
      header: "Incidents",
      accessorFn: (s) => s.incidents,
      meta: { align: "right", className: "tabular-nums" },
    },
    {
      id: "minutes",
      header: "Minutes",
      accessorFn: (s) => s.minutes,
      meta: { align: "right", className: "tabular-nums" },
      cell: ({ row }) => row.original.minutes.toLocaleString("en-US"),
    },
  ];
  return (
    <DataTable
      columns={columns}
      data={rows}
      rowKey={(s) => s.service}
      caption="Top affected services, most incidents first; select a column header to sort."
      sortable
      empty="No incidents in this period."
      variant="plain"
    />
  );
}
