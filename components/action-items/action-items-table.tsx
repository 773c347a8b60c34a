"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type DataTablePages } from "@/components/data-table";
import type { ActionItemView } from "@/lib/action-items/schemas";
import type { FormAction } from "@/lib/http/action-state";
import { STATUS_LABELS } from "@/lib/action-items/schemas";
import { ActionItemStatus } from "./action-item-status";

const PRIORITY_TONE: Record<string, string> = {
  high: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  medium: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  low: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
};

type Props = {
  items: ActionItemView[];
  update: FormAction;
  canEdit: boolean;
  showIncident?: boolean;
  pages?: DataTablePages;
  /** "plain" inside a card of its own (the postmortem's), "card" on the list page. */
  variant?: "card" | "plain";
};

/** Action items with their incident; overdue rows are highlighted (computed in the viewer's time zone). */
export function ActionItemsTable({
  items,
  update,
  canEdit,
  showIncident = true,
  pages,
  variant = "card",
}: Props) {
  const columns: ColumnDef<ActionItemView>[] = [
    {
      id: "title",
      header: "Title",
      cell: ({ row: { original: item } }) => (
        <>
          {item.title}
          {item.ticketUrl && (
            <>
              {" "}
              ·{" "}
              <a
                href={item.ticketUrl}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="text-xs underline"
              >
                ticket
              </a>
            </>
          )}
        </>
      ),
    },
    {
      id: "incident",
      header: "Incident",
      cell: ({ row: { original: item } }) => (
        <>
          <Link href={`/incidents/${item.incidentId}`} className="underline">
            {item.incidentId}
          </Link>{" "}
          <span className="text-xs text-slate-500">{item.incidentTitle}</span>
        </>
      ),
    },
    {
      id: "owner",
      header: "Owner",
      cell: ({ row }) => row.original.ownerName ?? <span className="text-slate-500">unassigned</span>,
    },
    {
      id: "due",
      header: "Due",
      meta: { className: "whitespace-nowrap" },
      cell: ({ row: { original: item } }) => (
        <>
          {item.dueDate ?? "–"}
          {item.overdue && (
            <span className="ml-1.5 rounded bg-red-600 px-1.5 py-px text-xs font-semibold text-white">
              Overdue
            </span>
          )}
        </>
      ),
    },
    {
      id: "priority",
      header: "Priority",
      cell: ({ row: { original: item } }) => (
        <span className={`rounded px-1.5 py-px text-xs font-medium ${PRIORITY_TONE[item.priority]}`}>
          {item.priority}
        </span>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: ({ row: { original: item } }) =>
        canEdit ? (
          <ActionItemStatus
            id={item.id}
            incidentId={item.incidentId}
            title={item.title}
            status={item.status}
            update={update}
          />
        ) : (
          STATUS_LABELS[item.status]
        ),
    },
  ];
  return (
    <DataTable
      columns={showIncident ? columns : columns.filter((c) => c.id !== "incident")}
      data={items}
      rowKey={(item) => String(item.id)}
      caption={showIncident ? "Action items" : "This incident's action items"}
      empty="No action items."
      variant={variant}
      rowProps={(item) => ({
        className: item.overdue ? "bg-red-50 dark:bg-red-950/40" : undefined,
        "data-testid": "action-item",
        "data-status": item.status,
        "data-overdue": item.overdue || undefined,
      })}
      pages={pages}
    />
  );
}
