"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable, type DataTablePages } from "@/components/data-table";
import { formatUtc } from "@/lib/format";
import type { ReleaseView } from "@/lib/releases/schemas";

const columns: ColumnDef<ReleaseView>[] = [
  { id: "service", header: "Service", cell: ({ row }) => row.original.service },
  {
    id: "version",
    header: "Version",
    meta: { className: "font-medium" },
    cell: ({ row: { original: r } }) =>
      r.url ? (
        <a href={r.url} target="_blank" rel="noopener noreferrer nofollow" className="underline">
          {r.version}
        </a>
      ) : (
        r.version
      ),
  },
  {
    id: "commit",
    header: "Commit",
    meta: { className: "font-mono text-xs" },
    cell: ({ row }) => row.original.commit?.slice(0, 10) ?? "—",
  },
  { id: "environment", header: "Environment", cell: ({ row }) => row.original.environment },
  {
    id: "deployed",
    header: "Deployed",
    meta: { className: "whitespace-nowrap text-xs tabular-nums" },
    cell: ({ row }) => formatUtc(row.original.deployedAt),
  },
  { id: "by", header: "By", meta: { className: "text-xs" }, cell: ({ row }) => row.original.deployedBy },
];

/** One page of deployments, the newest first. */
export function ReleasesTable({ releases, pages }: { releases: ReleaseView[]; pages: DataTablePages }) {
  return (
    <DataTable
      columns={columns}
      data={releases}
      rowKey={(r) => r.id}
      caption="Releases, newest deployment first"
      rowProps={(r) => ({ "data-release": r.id })}
      pages={pages}
    />
  );
}
