"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";

export type NotificationRow = {
  id: number;
  person: string;
  method: string;
  status: string;
  detail: string;
  /** When it was sent, or when it is due: worded on the server (UTC). */
  when: string;
};

const STATUS_LOOK: Record<string, string> = {
  sent: "text-emerald-700 dark:text-emerald-300",
  failed: "text-red-700 dark:text-red-300",
  cancelled: "text-slate-500",
  scheduled: "text-amber-700 dark:text-amber-300",
  sending: "text-amber-700 dark:text-amber-300",
  retrying: "text-amber-700 dark:text-amber-300",
  waiting: "text-amber-700 dark:text-amber-300",
};
const STATUS_WORD: Record<string, string> = { sent: "delivered", scheduled: "due" };

const columns: ColumnDef<NotificationRow>[] = [
  {
    id: "person",
    header: "Person",
    meta: { className: "font-medium" },
    cell: ({ row }) => row.original.person,
  },
  { id: "method", header: "By", cell: ({ row }) => row.original.method },
  {
    id: "status",
    header: "Result",
    cell: ({ row: { original: n } }) => (
      <span className={STATUS_LOOK[n.status] ?? ""} title={n.detail || undefined}>
        {STATUS_WORD[n.status] ?? n.status}
        {n.detail && n.status !== "sent" && <span className="block text-xs text-slate-500">{n.detail}</span>}
      </span>
    ),
  },
  {
    id: "when",
    header: "When",
    meta: { className: "whitespace-nowrap tabular-nums" },
    cell: ({ row }) => row.original.when,
  },
];

/** Each message of a page: to whom, by which method, and whether it went out. */
export function NotificationsTable({ rows }: { rows: NotificationRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      rowKey={(n) => String(n.id)}
      caption="Notifications of this page"
      variant="plain"
      testId="page-notifications"
      rowProps={(n) => ({ "data-status": n.status })}
    />
  );
}
