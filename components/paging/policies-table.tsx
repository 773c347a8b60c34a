"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";

/** A policy as the list shows it: the steps already worded with names. */
export type PolicyRow = {
  id: string;
  name: string;
  description: string;
  isDefault: boolean;
  steps: string[];
  repeat: number;
  services: string[];
};

const columns: ColumnDef<PolicyRow>[] = [
  {
    id: "name",
    header: "Name",
    meta: { className: "min-w-40 font-medium" },
    cell: ({ row: { original: p } }) => (
      <>
        <Link
          href={`/paging/policies/${encodeURIComponent(p.id)}`}
          className="underline-offset-2 hover:underline"
        >
          {p.name}
        </Link>
        {p.description && <span className="block text-xs font-normal text-slate-500">{p.description}</span>}
      </>
    ),
  },
  {
    id: "default",
    header: "Default",
    cell: ({ row }) =>
      row.original.isDefault ? (
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium dark:bg-slate-800">
          default
        </span>
      ) : null,
  },
  {
    id: "steps",
    header: "Steps",
    meta: { className: "min-w-64 text-xs" },
    cell: ({ row }) => (
      <ol className="list-decimal space-y-0.5 pl-4">
        {row.original.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
    ),
  },
  {
    id: "repeat",
    header: "Repeat",
    meta: { className: "tabular-nums" },
    cell: ({ row }) => (row.original.repeat ? `${row.original.repeat}×` : "no"),
  },
  {
    id: "services",
    header: "Services",
    meta: { className: "text-xs" },
    cell: ({ row: { original: p } }) =>
      p.services.length ? (
        p.services.join(", ")
      ) : (
        <span className="text-slate-500">{p.isDefault ? "every service naming none" : "none"}</span>
      ),
  },
];

export function PoliciesTable({ policies }: { policies: PolicyRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={policies}
      rowKey={(p) => p.id}
      caption="Escalation policies by name"
      empty="No escalation policies yet: nobody is paged until one applies."
      testId="policies-table"
    />
  );
}
