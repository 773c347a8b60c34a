import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { RevokeTokenButton } from "@/components/tokens/revoke-token-button";
import { NotAllowed } from "@/components/not-allowed";
import { formatDuration, formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

/** "never", "expires in 29d 23h (2026-12-27 10:00 UTC)" or "expired 2026-…". */
function expiryText(expiresAt: Date | null, now: number) {
  if (!expiresAt) return "never expires";
  if (expiresAt.getTime() <= now) return `expired ${formatUtc(expiresAt)}`;
  return `expires in ${formatDuration((expiresAt.getTime() - now) / 1000)} (${formatUtc(expiresAt)})`;
}

export default async function TokensPage() {
  const page = await loadPage("/settings/tokens", (db, actor) => listApiTokens(db, actor));
  if (!page.allowed) {
    return (
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <NotAllowed role={page.role} message={page.message}>
          Only admins manage API tokens; ask one if an integration needs a token.
        </NotAllowed>
      </section>
    );
  }
  const tokens = page.data;
  const now = new Date().getTime();
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Tokens let integrations call the API as <code>token:&lt;name&gt;</code> with the role you give them.
          Only a hash is stored.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-3 text-sm font-semibold">New token</h2>
        <CreateTokenForm createToken={createTokenAction} />
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">API tokens</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Role</th>
              <th className="px-3 py-2">Token</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th>
              <th className="px-3 py-2">Expiry</th>
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {tokens.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No tokens yet.
                </td>
              </tr>
            )}
            {tokens.map((token) => (
              <tr key={token.id} className={token.revokedAt ? "text-slate-500" : ""}>
                <td className="px-3 py-2 font-medium">{token.name}</td>
                <td className="px-3 py-2">{token.role}</td>
                <td className="px-3 py-2 font-mono text-xs">{token.prefix}…</td>
                <td className="px-3 py-2 text-xs">
                  {formatUtc(token.createdAt)}
                  {token.createdBy ? ` by ${token.createdBy}` : ""}
                </td>
                <td className="px-3 py-2 text-xs">
                  {token.lastUsedAt ? formatUtc(token.lastUsedAt) : "never"}
                </td>
                <td
                  className={`px-3 py-2 text-xs ${token.expiresAt && token.expiresAt.getTime() <= now && !token.revokedAt ? "font-medium text-amber-700 dark:text-amber-300" : ""}`}
                >
                  {expiryText(token.expiresAt, now)}
                </td>
                <td className="px-3 py-2 text-right">
                  {token.revokedAt ? (
                    <span className="text-xs">revoked {formatUtc(token.revokedAt)}</span>
                  ) : (
                    <RevokeTokenButton id={token.id} name={token.name} revokeToken={revokeTokenAction} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
