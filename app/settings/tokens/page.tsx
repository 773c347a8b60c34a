import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokensTable } from "@/components/tokens/tokens-table";
import { NotAllowed } from "@/components/not-allowed";
import { loadPage } from "@/lib/http/page-errors";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { permissionsOfScope, rolesOfScope, SCOPES } from "@/lib/permissions";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

const scopeOptions = SCOPES.map((scope) => ({
  scope,
  roles: rolesOfScope(scope),
  allows: permissionsOfScope(scope)
    .map((row) => row.description)
    .join(", "),
}));

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
          Tokens let integrations call the API as <code>token:&lt;name&gt;</code> with the role you give them,
          limited to the scopes you choose (an alert source needs <code>alerts:write</code> alone). Only a
          hash is stored.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="mb-3 text-sm font-semibold">New token</h2>
        <CreateTokenForm createToken={createTokenAction} scopeOptions={scopeOptions} />
      </div>
      <TokensTable tokens={tokens} now={now} revokeToken={revokeTokenAction} />
    </section>
  );
}
