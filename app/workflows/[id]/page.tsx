import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { DeleteWorkflowButton, ToggleWorkflowButton } from "@/components/workflows/workflow-switches";
import { can, canRespond } from "@/lib/permissions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listWebhookTargets } from "@/lib/webhooks/get-webhook";
import { getWorkflow } from "@/lib/workflows/get-workflow";
import { listWorkflowRuns } from "@/lib/workflows/list-workflow-runs";
import {
  deleteWorkflowAction,
  previewWorkflowAction,
  saveWorkflowAction,
  toggleWorkflowAction,
} from "../actions";

export const metadata: Metadata = { title: "Workflow" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

const STATUS_CLASS = {
  ok: "text-emerald-700 dark:text-emerald-300",
  error: "text-red-700 dark:text-red-300",
  skipped: "text-slate-500",
} as const;

export default async function WorkflowPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { saved } = await searchParams;
  const page = await loadPage(`/workflows/${id}`, async (db, actor) => {
    const [workflow, runs, catalog, webhooks] = await Promise.all([
      getWorkflow(db, actor, id),
      listWorkflowRuns(db, actor, id, 50),
      listCatalog(db, actor),
      listWebhookTargets(db, actor),
    ]);
    return {
      workflow,
      runs,
      users: catalog.users.filter(canRespond),
      webhooks,
      canEdit: can(actor, "workflows.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { workflow, runs, users, webhooks, canEdit } = page.data;
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm">
            <Link href="/workflows" className="text-slate-600 hover:underline dark:text-slate-400">
              ← Workflows
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{workflow.name}</h1>
          <p className="mt-1 font-mono text-xs text-slate-600 dark:text-slate-400">
            {workflow.trigger}: {workflow.condition || "every event"}
          </p>
        </div>
        {canEdit && (
          <div className="flex items-start gap-2">
            <ToggleWorkflowButton
              id={workflow.id}
              name={workflow.name}
              enabled={workflow.enabled}
              toggle={toggleWorkflowAction}
            />
            <DeleteWorkflowButton id={workflow.id} remove={deleteWorkflowAction} />
          </div>
        )}
      </div>
      {saved && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Workflow saved.
        </p>
      )}
      {canEdit && (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-3 text-lg font-semibold">Edit</h2>
          <WorkflowForm
            key={workflow.version}
            workflow={workflow}
            users={users.map((u) => ({ id: u.id, name: u.name }))}
            webhooks={webhooks}
            save={saveWorkflowAction}
            preview={previewWorkflowAction}
          />
        </div>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <h2 className="px-3 pt-3 text-lg font-semibold">Run log</h2>
        <table className="mt-2 min-w-full text-sm">
          <caption className="sr-only">Runs, newest first</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/50">
            <tr>
              <th className="px-3 py-2">When</th>
              <th className="px-3 py-2">Event</th>
              <th className="px-3 py-2">Matched</th>
              <th className="px-3 py-2">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {runs.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-500">
                  No runs yet.
                </td>
              </tr>
            )}
            {runs.map((run) => (
              <tr key={run.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2 text-xs">{formatUtc(run.createdAt)}</td>
                <td className="px-3 py-2 font-mono text-xs">{run.eventKey}</td>
                <td className="px-3 py-2 text-xs">
                  {run.matched ? "yes" : "no"}
                  <div className="text-slate-500">{run.reason}</div>
                </td>
                <td className="px-3 py-2 text-xs">
                  <ul className="space-y-0.5">
                    {run.actionResults.map((result, i) => (
                      <li key={i}>
                        <span className={STATUS_CLASS[result.status]}>{result.status}</span> {result.type}:{" "}
                        {result.detail}
                      </li>
                    ))}
                  </ul>
                  {run.incidentId && (
                    <Link href={`/incidents/${run.incidentId}`} className="underline">
                      {run.incidentId}
                    </Link>
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
