import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { RuleOwnerNote } from "@/components/workflows/rule-owner";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { WorkflowRunsTable } from "@/components/workflows/workflow-runs-table";
import { DeleteWorkflowButton, ToggleWorkflowButton } from "@/components/workflows/workflow-switches";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { loadPage } from "@/lib/http/page-errors";
import { listPageTargetChoices } from "@/lib/paging/page-target-choices";
import { listWebhookTargets } from "@/lib/webhooks/list-webhooks";
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

export default async function WorkflowPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { saved } = await searchParams;
  const page = await loadPage(`/workflows/${id}`, async (db, actor) => {
    const [workflow, runs, catalog, webhooks, pageTargets] = await Promise.all([
      getWorkflow(db, actor, id),
      listWorkflowRuns(db, actor, id, 50),
      listCatalog(db, actor),
      listWebhookTargets(db, actor),
      listPageTargetChoices(db, actor),
    ]);
    return {
      workflow,
      runs,
      users: respondersOf(catalog.users),
      webhooks,
      pageTargets,
      canEdit: can(actor, "workflows.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { workflow, runs, users, webhooks, pageTargets } = page.data;
  // A rule's workflow changes through its rule (the use cases refuse it here too).
  const canEdit = page.data.canEdit && !workflow.alertRuleId;
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
      {workflow.alertRuleId && <RuleOwnerNote ruleId={workflow.alertRuleId} />}
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
            pageTargets={pageTargets}
            save={saveWorkflowAction}
            preview={previewWorkflowAction}
          />
        </div>
      )}
      <section aria-labelledby="run-log" className="space-y-2">
        <h2 id="run-log" className="text-lg font-semibold">
          Run log
        </h2>
        {/* The event each run saw stays on the server: the log shows only its key. */}
        <WorkflowRunsTable
          runs={runs.map((r) => ({
            id: r.id,
            createdAt: r.createdAt,
            eventKey: r.eventKey,
            matched: r.matched,
            reason: r.reason,
            actionResults: r.actionResults,
            incidentId: r.incidentId,
          }))}
        />
      </section>
    </section>
  );
}
