"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { PageActions, type PageActionSet } from "@/components/paging/page-actions";
import { PageStateBadge, UrgencyBadge } from "@/components/paging/page-badges";

/** A page as the list shows it; times are worded on the server so the table renders the same on both sides. */
export type PageRow = {
  id: string;
  title: string;
  href: string | null;
  urgency: "high" | "low";
  state: "triggered" | "acknowledged" | "resolved";
  step: number;
  pass: number;
  mine: boolean;
  paged: string[];
  acknowledgedBy: string | null;
  age: string;
  createdAt: string;
};

export function PagesTable({ pages, actions }: { pages: PageRow[]; actions: PageActionSet | null }) {
  const columns: ColumnDef<PageRow>[] = [
    {
      id: "title",
      header: "Page",
      meta: { className: "min-w-48 max-w-md" },
      cell: ({ row: { original: p } }) => (
        <div className="space-y-0.5">
          {p.href ? (
            <Link href={p.href} className="font-medium underline-offset-2 hover:underline">
              {p.title}
            </Link>
          ) : (
            <span className="font-medium">{p.title}</span>
          )}
          {p.mine && (
            <span className="ml-2 inline-flex rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-100">
              yours
            </span>
          )}
          {actions && (
            // On a phone the actions column is off to the right: the buttons sit under the title there.
            <div className="pt-1.5 sm:hidden">
              <PageActions pageId={p.id} state={p.state} actions={actions} title={p.title} compact />
            </div>
          )}
        </div>
      ),
    },
    { id: "urgency", header: "Urgency", cell: ({ row }) => <UrgencyBadge urgency={row.original.urgency} /> },
    { id: "state", header: "State", cell: ({ row }) => <PageStateBadge state={row.original.state} /> },
    {
      id: "step",
      header: "Step",
      meta: { className: "whitespace-nowrap tabular-nums" },
      cell: ({ row: { original: p } }) => (p.pass > 1 ? `${p.step} (pass ${p.pass})` : p.step),
    },
    {
      id: "people",
      header: "Paged / acknowledged",
      meta: { className: "min-w-40 text-xs" },
      cell: ({ row: { original: p } }) => (
        <>
          <div>
            {p.paged.length ? p.paged.join(", ") : <span className="text-slate-500">nobody reached</span>}
          </div>
          {p.acknowledgedBy && (
            <div className="text-slate-600 dark:text-slate-400">Acknowledged by {p.acknowledgedBy}</div>
          )}
        </>
      ),
    },
    {
      id: "age",
      header: "Age",
      meta: { className: "whitespace-nowrap tabular-nums" },
      cell: ({ row: { original: p } }) => (
        <time dateTime={p.createdAt} title={p.createdAt}>
          {p.age}
        </time>
      ),
    },
  ];
  if (actions)
    columns.push({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "sm:min-w-56" },
      cell: ({ row: { original: p } }) => (
        <div className="hidden sm:block">
          <PageActions pageId={p.id} state={p.state} actions={actions} title={p.title} compact />
        </div>
      ),
    });
  return (
    <DataTable
      columns={columns}
      data={pages}
      rowKey={(p) => p.id}
      caption="Pages, yours first, then newest first"
      empty="No pages here."
      testId="pages-table"
      rowProps={(p) => ({ "data-page": p.id, "data-state": p.state })}
    />
  );
}
