"use client";

import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type RowData,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { type ReactNode, useState } from "react";

declare module "@tanstack/react-table" {
  // The parameters must match TanStack's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligns header and cells (counts, amounts). */
    align?: "right";
    /** Extra classes for this column's cells. */
    className?: string;
    /** A column the server sorts by (its header is a link): what aria-sort says. */
    ariaSort?: "ascending" | "descending" | "none";
  }
}

export type PageLink = { href: string; label: string };
/** Keyset paging links from the server: back to the first page and on to the next. */
export type DataTablePages = { first?: PageLink; next?: PageLink };
type RowAttributes = { className?: string } & { [attribute: `data-${string}`]: string | boolean | undefined };

type Props<T> = {
  columns: ColumnDef<T>[];
  data: T[];
  /** A stable key per row, so controls in a row keep their state when the rows are sorted. */
  rowKey: (row: T) => string;
  /** Read to screen readers before the table: what the rows are and in which order. */
  caption: string;
  /** Column headers sort the rows given (one page); paging stays on the server. */
  sortable?: boolean;
  /** Shown in one full-width row when there are no rows. */
  empty?: ReactNode;
  rowProps?: (row: T) => RowAttributes;
  pages?: DataTablePages;
  /** "card" is a bordered box of its own; "plain" sits inside a card that already has one. */
  variant?: "card" | "plain";
  testId?: string;
  bodyTestId?: string;
};

// The box is positioned so that it also clips absolutely positioned content (an sr-only header far to the
// right): otherwise that escapes the scroll box and widens the document on a phone.
const LOOK = {
  card: {
    box: "relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900",
    head: "bg-slate-50 dark:bg-slate-800/50",
    cell: "px-3 py-2",
    row: "hover:bg-slate-50 dark:hover:bg-slate-800/40",
  },
  plain: { box: "relative overflow-x-auto", head: "", cell: "px-2 py-1.5 first:pl-0 last:pr-0", row: "" },
} as const;

const cx = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/**
 * The one data table: TanStack Table for the rows and optional in-page sorting, a caption, the
 * server's keyset links below. It scrolls inside its own box, so a narrow screen never scrolls the page.
 */
export function DataTable<T>({
  columns,
  data,
  rowKey,
  caption,
  sortable = false,
  empty,
  rowProps,
  pages,
  variant = "card",
  testId,
  bodyTestId,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table manages its own memoisation.
  const table = useReactTable({
    data,
    columns,
    getRowId: rowKey,
    state: { sorting },
    onSortingChange: setSorting,
    enableSorting: sortable,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const look = LOOK[variant];
  const rows = table.getRowModel().rows;
  return (
    <div className="space-y-3">
      <div className={look.box}>
        <table className="min-w-full text-sm" data-testid={testId}>
          <caption className="sr-only">{caption}</caption>
          <thead className={cx("text-left text-xs uppercase tracking-wide text-slate-500", look.head)}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const { column } = header;
                  const meta = column.columnDef.meta;
                  const sorted = column.getIsSorted();
                  const label = flexRender(column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={cx(look.cell, "font-medium", meta?.align === "right" && "text-right")}
                      aria-sort={
                        column.getCanSort()
                          ? sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : "none"
                          : meta?.ariaSort
                      }
                    >
                      {column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:hover:text-white"
                        >
                          {label}
                          <span aria-hidden className="text-[10px]">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800" data-testid={bodyTestId}>
            {rows.length === 0 && empty !== undefined && (
              <tr>
                <td
                  colSpan={table.getVisibleLeafColumns().length}
                  className="px-3 py-6 text-center text-slate-500"
                >
                  {empty}
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const { className, ...attributes } = rowProps?.(row.original) ?? {};
              return (
                <tr key={row.id} className={cx(look.row, className) || undefined} {...attributes}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    return (
                      <td
                        key={cell.id}
                        className={cx(look.cell, meta?.align === "right" && "text-right", meta?.className)}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(pages?.first || pages?.next) && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {pages.first ? (
            <Link href={pages.first.href} className="underline">
              {pages.first.label}
            </Link>
          ) : (
            <span />
          )}
          {pages.next && (
            <Link href={pages.next.href} className="underline">
              {pages.next.label}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
