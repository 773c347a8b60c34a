import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { WorkflowsTable } from "@/components/workflows/workflows-table";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { loadPage } from "@/lib/http/page-errors";
import { listPageTargetChoices } from "@/lib/paging/page-target-choices";
import { listWebhookTargets } from "@/lib/webhooks/list-webhooks";
import { listWorkflows } from "@/lib/workflows/get-workflow";
import { previewWorkflowAction, saveWorkflowAction, toggleWorkflowAction } from "./actions";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const page = await loadPage("/workflows", async (db, actor) => {
    const [workflows, catalog, webhooks, pageTargets] = await Promise.all([
      listWorkflows(db, actor),
      listCatalog(db, actor),
      listWebhookTargets(db, actor),
      listPageTargetChoices(db, actor),
    ]);
    return {
      workflows,
      users: respondersOf(catalog.users),
      webhooks,
      pageTargets,
      canEdit: can(actor, "workflows.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { workflows, users, webhooks, pageTargets, canEdit } = page.data;
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          When a trigger fires and its condition matches, the actions run once per event: declare an incident,
          link to an open one, assign a commander, post an update, page someone. An alert rule&apos;s
          auto-create is one of them.
        </p>
      </div>
      <WorkflowsTable
        workflows={workflows.map((w) => ({
          id: w.id,
          name: w.name,
          trigger: w.trigger,
          condition: w.condition,
          enabled: w.enabled,
          lastRun: w.lastRun,
          alertRuleId: w.alertRuleId,
          actionTypes: w.actions.map((a) => a.type),
        }))}
        toggle={canEdit ? toggleWorkflowAction : null}
      />
      {canEdit && (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-3 text-lg font-semibold">New workflow</h2>
          <WorkflowForm
            users={users.map((u) => ({ id: u.id, name: u.name }))}
            webhooks={webhooks}
            pageTargets={pageTargets}
            save={saveWorkflowAction}
            preview={previewWorkflowAction}
          />
        </div>
      )}
    </section>
  );
}
