"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { formatUtc } from "@/lib/format";
import type { WorkflowRunView } from "@/lib/workflows/schemas";

/** A run as the log shows it, without the event it ran on (which can be large). */
export type WorkflowRunRow = Pick<
  WorkflowRunView,
  "id" | "createdAt" | "eventKey" | "matched" | "reason" | "actionResults" | "incidentId"
>;

const STATUS_CLASS = {
  ok: "text-emerald-700 dark:text-emerald-300",
  error: "text-red-700 dark:text-red-300",
  skipped: "text-slate-500",
} as const;

const columns: ColumnDef<WorkflowRunRow>[] = [
  {
    id: "when",
    header: "When",
    meta: { className: "whitespace-nowrap text-xs" },
    cell: ({ row }) => formatUtc(row.original.createdAt),
  },
  {
    id: "event",
    header: "Event",
    meta: { className: "font-mono text-xs" },
    cell: ({ row }) => row.original.eventKey,
  },
  {
    id: "matched",
    header: "Matched",
    meta: { className: "text-xs" },
    cell: ({ row: { original: run } }) => (
      <>
        {run.matched ? "yes" : "no"}
        <div className="text-slate-500">{run.reason}</div>
      </>
    ),
  },
  {
    id: "actions",
    header: "Actions",
    meta: { className: "text-xs" },
    cell: ({ row: { original: run } }) => (
      <>
        <ul className="space-y-0.5">
          {run.actionResults.map((result, i) => (
            <li key={i}>
              <span className={STATUS_CLASS[result.status]}>{result.status}</span> {result.type}:{" "}
              {result.detail}
            </li>
          ))}
        </ul>
        {run.incidentId && (
          <Link href={`/incidents/${run.incidentId}`} className="underline">
            {run.incidentId}
          </Link>
        )}
      </>
    ),
  },
];

/** One workflow's run log, newest first: whether each event matched and what each action did. */
export function WorkflowRunsTable({ runs }: { runs: WorkflowRunRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={runs}
      rowKey={(run) => String(run.id)}
      caption="Runs, newest first"
      empty="No runs yet."
      rowProps={() => ({ className: "align-top" })}
    />
  );
}
