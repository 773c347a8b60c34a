"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type DataTablePages } from "@/components/data-table";
import { formatUtc } from "@/lib/format";
import type { MailMessageListItem } from "@/lib/mail/schemas";

export const MAIL_STATUS_LOOK: Record<MailMessageListItem["status"], string> = {
  sent: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  retrying: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  sending: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  queued: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export function MailStatus({ mail }: { mail: Pick<MailMessageListItem, "status" | "transport"> }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${MAIL_STATUS_LOOK[mail.status]}`}>
      {mail.status === "sent" && mail.transport === "mailbox" ? "in mailbox" : mail.status}
    </span>
  );
}

const columns: ColumnDef<MailMessageListItem>[] = [
  { id: "to", header: "To", meta: { className: "text-xs" }, cell: ({ row }) => row.original.to },
  {
    id: "subject",
    header: "Subject",
    cell: ({ row: { original: mail } }) => (
      <Link href={`/settings/mail/${encodeURIComponent(mail.id)}`} className="font-medium underline">
        {mail.subject}
      </Link>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row: { original: mail } }) => (
      <>
        <MailStatus mail={mail} />
        {mail.lastError && mail.status !== "sent" && (
          <span className="mt-0.5 block max-w-xs truncate text-xs text-slate-500" title={mail.lastError}>
            {mail.lastError}
          </span>
        )}
      </>
    ),
  },
  {
    id: "attempts",
    header: "Attempts",
    meta: { align: "right", className: "tabular-nums" },
    cell: ({ row }) => row.original.attempts,
  },
  {
    id: "created",
    header: "Created",
    meta: { className: "whitespace-nowrap text-xs tabular-nums" },
    cell: ({ row }) => formatUtc(row.original.createdAt),
  },
];

/** One page of outgoing mail, the newest first. */
export function MailboxTable({ mails, pages }: { mails: MailMessageListItem[]; pages: DataTablePages }) {
  return (
    <DataTable
      columns={columns}
      data={mails}
      rowKey={(m) => m.id}
      caption="Outgoing mail, newest first"
      rowProps={(m) => ({ "data-mail": m.id })}
      empty="No mail yet."
      pages={pages}
    />
  );
}
