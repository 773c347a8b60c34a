"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import { formatUtc } from "@/lib/format";
import type { DeliveryView } from "@/lib/webhooks/schemas";

const STATUS_LOOK: Record<DeliveryView["status"], string> = {
  succeeded: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  retrying: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  pending: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

const columns: ColumnDef<DeliveryView>[] = [
  {
    id: "time",
    header: "Time",
    meta: { className: "whitespace-nowrap text-xs" },
    cell: ({ row }) => formatUtc(row.original.createdAt),
  },
  {
    id: "event",
    header: "Event",
    cell: ({ row }) => <code className="text-xs">{row.original.eventType}</code>,
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: delivery } }) => (
      <>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_LOOK[delivery.status]}`}>
          {delivery.status}
        </span>
        {delivery.nextAttemptAt && (
          <span className="ml-1 text-xs text-slate-500">next {formatUtc(delivery.nextAttemptAt)}</span>
        )}
      </>
    ),
  },
  {
    id: "attempts",
    header: "Attempts",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => row.original.attempts,
  },
  {
    id: "code",
    header: "Code",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => row.original.lastStatusCode ?? "—",
  },
  {
    id: "duration",
    header: "Duration",
    meta: { className: "whitespace-nowrap tabular-nums" },
    cell: ({ row }) => {
      const last = row.original.attemptLog.at(-1);
      return last ? `${last.durationMs} ms` : "—";
    },
  },
  {
    id: "error",
    header: "Error",
    meta: { className: "max-w-md text-xs text-red-700 dark:text-red-300" },
    cell: ({ row: { original: delivery } }) => (
      <>
        {delivery.lastError ?? ""}
        {delivery.attemptLog.length > 1 && (
          <details className="mt-1 text-slate-600 dark:text-slate-400">
            <summary className="cursor-pointer">All {delivery.attemptLog.length} attempts</summary>
            <ol className="mt-1 list-decimal pl-5">
              {delivery.attemptLog.map((a) => (
                <li key={a.attempt}>
                  {formatUtc(a.at)}: {a.statusCode ?? "no answer"}, {a.durationMs} ms
                  {a.error ? ` — ${a.error}` : ""}
                </li>
              ))}
            </ol>
          </details>
        )}
      </>
    ),
  },
];

/** The newest deliveries of one subscription: each delivery's status and its attempts. */
export function DeliveriesTable({ deliveries, label }: { deliveries: DeliveryView[]; label: string }) {
  return (
    <DataTable
      columns={columns}
      data={deliveries}
      rowKey={(delivery) => delivery.id}
      caption={`Deliveries to ${label}, newest first`}
      empty="No deliveries yet."
      variant="plain"
      bodyTestId="deliveries"
    />
  );
}
