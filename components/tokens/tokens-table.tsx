"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { formatDuration, formatUtc } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";
import type { ApiTokenView } from "@/lib/tokens/schemas";

/** "never", "expires in 29d 23h (2026-12-27 10:00 UTC)" or "expired 2026-…". */
function expiryText(expiresAt: Date | null, now: number) {
  if (!expiresAt) return "never expires";
  if (expiresAt.getTime() <= now) return `expired ${formatUtc(expiresAt)}`;
  return `expires in ${formatDuration((expiresAt.getTime() - now) / 1000)} (${formatUtc(expiresAt)})`;
}

type Props = {
  tokens: ApiTokenView[];
  /** The server's clock, so "expires in" reads the same in the server's HTML and the browser's. */
  now: number;
  revokeToken: FormAction;
};

/** Every API token, revoked ones greyed, with its expiry and a revoke button. */
export function TokensTable({ tokens, now, revokeToken }: Props) {
  const columns: ColumnDef<ApiTokenView>[] = [
    { id: "name", header: "Name", meta: { className: "font-medium" }, cell: ({ row }) => row.original.name },
    { id: "role", header: "Role", cell: ({ row }) => row.original.role },
    {
      id: "scopes",
      header: "Scopes",
      meta: { className: "text-xs" },
      cell: ({ row: { original: token } }) =>
        token.scopes ? <span className="font-mono">{token.scopes.join(", ")}</span> : `all of ${token.role}`,
    },
    {
      id: "token",
      header: "Token",
      meta: { className: "font-mono text-xs" },
      cell: ({ row }) => `${row.original.prefix}…`,
    },
    {
      id: "created",
      header: "Created",
      meta: { className: "text-xs" },
      cell: ({ row: { original: token } }) =>
        `${formatUtc(token.createdAt)}${token.createdBy ? ` by ${token.createdBy}` : ""}`,
    },
    {
      id: "lastUsed",
      header: "Last used",
      meta: { className: "text-xs" },
      cell: ({ row }) => (row.original.lastUsedAt ? formatUtc(row.original.lastUsedAt) : "never"),
    },
    {
      id: "expiry",
      header: "Expiry",
      meta: { className: "text-xs" },
      cell: ({ row: { original: token } }) => {
        const expired = token.expiresAt && token.expiresAt.getTime() <= now && !token.revokedAt;
        return (
          <span className={expired ? "font-medium text-amber-700 dark:text-amber-300" : undefined}>
            {expiryText(token.expiresAt, now)}
          </span>
        );
      },
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { align: "right" },
      cell: ({ row: { original: token } }) =>
        token.revokedAt ? (
          <span className="text-xs">revoked {formatUtc(token.revokedAt)}</span>
        ) : (
          <RevokeTokenButton id={token.id} name={token.name} revokeToken={revokeToken} />
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      data={tokens}
      rowKey={(token) => token.id}
      caption="API tokens"
      empty="No tokens yet."
      rowProps={(token) => ({ className: token.revokedAt ? "text-slate-500" : undefined })}
    />
  );
}
