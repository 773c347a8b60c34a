import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { ToggleWorkflowButton } from "@/components/workflows/workflow-switches";
import { can, canRespond } from "@/lib/permissions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listWebhookTargets } from "@/lib/webhooks/get-webhook";
import { listWorkflows } from "@/lib/workflows/get-workflow";
import { previewWorkflowAction, saveWorkflowAction, toggleWorkflowAction } from "./actions";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const page = await loadPage("/workflows", async (db, actor) => {
    const [workflows, catalog, webhooks] = await Promise.all([
      listWorkflows(db, actor),
      listCatalog(db, actor),
      listWebhookTargets(db, actor),
    ]);
    return {
      workflows,
      users: catalog.users.filter(canRespond),
      webhooks,
      canEdit: can(actor, "workflows.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { workflows, users, webhooks, canEdit } = page.data;
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          When a trigger fires and its condition matches, the actions run once per event: declare an incident,
          link to an open one, assign a commander, post an update.
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Workflows</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Trigger</th>
              <th className="px-3 py-2">Condition</th>
              <th className="px-3 py-2">Actions</th>
              <th className="px-3 py-2">Last run</th>
              <th className="px-3 py-2">State</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {workflows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  No workflows yet.
                </td>
              </tr>
            )}
            {workflows.map((w) => (
              <tr key={w.id}>
                <td className="px-3 py-2 font-medium">
                  <Link href={`/workflows/${w.id}`} className="underline-offset-2 hover:underline">
                    {w.name}
                  </Link>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{w.trigger}</td>
                <td className="max-w-md px-3 py-2 font-mono text-xs">
                  {w.condition || <span className="text-slate-500">every event</span>}
                </td>
                <td className="px-3 py-2 text-xs">{w.actions.map((a) => a.type).join(", ")}</td>
                <td className="px-3 py-2 text-xs">
                  {w.lastRun
                    ? `${formatUtc(w.lastRun.at)} (${w.lastRun.matched ? "matched" : "no match"})`
                    : "never"}
                </td>
                <td className="px-3 py-2">
                  {canEdit ? (
                    <ToggleWorkflowButton
                      id={w.id}
                      name={w.name}
                      enabled={w.enabled}
                      toggle={toggleWorkflowAction}
                    />
                  ) : w.enabled ? (
                    "enabled"
                  ) : (
                    "disabled"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-3 text-lg font-semibold">New workflow</h2>
          <WorkflowForm
            users={users.map((u) => ({ id: u.id, name: u.name }))}
            webhooks={webhooks}
            save={saveWorkflowAction}
            preview={previewWorkflowAction}
          />
        </div>
      )}
    </section>
  );
}
