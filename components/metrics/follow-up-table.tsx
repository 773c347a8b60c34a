"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import type { ServiceFollowUp } from "@/lib/postmortems/get-follow-up-metrics";

const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);
// Services without a figure sort last whichever way.
const orNull = (v: number | null) => v ?? undefined;

const columns: ColumnDef<ServiceFollowUp>[] = [
  { id: "service", header: "Service", accessorFn: (r) => r.service },
  {
    id: "repeats",
    header: "Repeat incidents",
    accessorFn: (r) => orNull(r.repeatRate),
    sortUndefined: "last",
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: r } }) => (
      <>
        {pct(r.repeatRate)}{" "}
        <span className="text-xs text-slate-500">
          ({r.repeats} of {r.incidents})
        </span>
      </>
    ),
  },
  {
    id: "done",
    header: "Action items done",
    accessorFn: (r) => orNull(r.completionRate),
    sortUndefined: "last",
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: r } }) => (
      <>
        {pct(r.completionRate)}{" "}
        <span className="text-xs text-slate-500">
          ({r.done} of {r.actionItems})
        </span>
      </>
    ),
  },
  {
    id: "daysToClose",
    header: "Median days to close",
    accessorFn: (r) => orNull(r.medianDaysToClose),
    sortUndefined: "last",
    meta: { className: "tabular-nums" },
    cell: ({ row: { original: r } }) => (r.medianDaysToClose === null ? "–" : r.medianDaysToClose.toFixed(1)),
  },
];

/** Per service: repeat incidents, action-item completion and the median days to close one. */
export function FollowUpTable({ rows }: { rows: ServiceFollowUp[] }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      rowKey={(r) => r.service}
      caption="Follow-up by service; select a column header to sort."
      sortable
      empty="No incidents in this period."
      variant="plain"
      testId="follow-up-table"
    />
  );
}
