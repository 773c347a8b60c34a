import type { Metadata } from "next";
import Link from "next/link";
import { EnableToggle, RuleForm } from "@/components/alerts/rule-form";
import { listAlertRules } from "@/lib/alerts/alert-rules";
import { can } from "@/lib/permissions";
import { NotAllowed } from "@/components/not-allowed";
import { loadPage } from "@/lib/http/page-errors";
import { createAlertRuleAction, setAlertRuleEnabledAction, updateAlertRuleAction } from "./actions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { listWorkflows } from "@/lib/workflows/get-workflow";

export const metadata: Metadata = { title: "Alert rules" };
export const dynamic = "force-dynamic";

const card =
  "rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";

export default async function AlertRulesPage() {
  const page = await loadPage("/alerts/rules", async (db, actor) => ({
    rules: (await listAlertRules(db, actor)).items,
    ruleWorkflows: new Map(
      (await listWorkflows(db, actor)).flatMap((w) => (w.alertRuleId ? [[w.alertRuleId, w.id]] : [])),
    ),
    environments: (await listCatalog(db, actor)).environments,
    canEdit: can(actor, "alert-rules.manage"),
  }));
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { rules, ruleWorkflows, environments, canEdit } = page.data;
  const ruleActions = { create: createAlertRuleAction, update: updateAlertRuleAction };
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/alerts" className="hover:underline">
          Alerts
        </Link>{" "}
        / Rules
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Alert rules</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Rules watch the 1-minute service health sent to <code>/api/ingest/metrics</code>, every minute. An
        alert fires when the condition holds for the whole &ldquo;for&rdquo; duration and resolves by itself
        once the value is back past the threshold by 10&nbsp;% for at least a minute (or the &ldquo;for&rdquo;
        duration, if longer). A rule that auto-creates incidents does so through a workflow of its own, with a
        run log.
      </p>
      {canEdit && (
        <section className={card} aria-labelledby="new-rule">
          <h2 id="new-rule" className="mb-3 text-sm font-semibold">
            New rule
          </h2>
          <RuleForm environments={environments} actions={ruleActions} />
        </section>
      )}
      {rules.length === 0 ? (
        <p className="text-sm text-slate-500">No rules yet.</p>
      ) : (
        <ul className="space-y-3">
          {rules.map((rule) => (
            <li key={rule.id} id={`rule-${rule.id}`} className={card}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm">
                  <span className="font-semibold">{rule.name}</span>{" "}
                  <span className="text-slate-600 dark:text-slate-400">
                    {rule.service}/{rule.environment}: {rule.metric} {rule.comparator} {rule.threshold} for{" "}
                    {rule.forSeconds}s → {rule.severity}
                    {rule.autoCreateIncident ? `, auto-creates ${rule.incidentSeverity}` : ""}
                  </span>
                  {rule.autoCreateIncident && ruleWorkflows.has(rule.id) && (
                    <>
                      {" "}
                      <Link href={`/workflows/${ruleWorkflows.get(rule.id)}`} className="text-xs underline">
                        its workflow and run log
                      </Link>
                    </>
                  )}
                </p>
                <p className="flex items-center gap-2 text-xs">
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 dark:bg-slate-800">
                    {rule.enabled ? rule.state : "disabled"}
                  </span>
                  {rule.lastValue !== null && (
                    <span className="tabular-nums text-slate-500">last {rule.lastValue}</span>
                  )}
                  {canEdit && <EnableToggle rule={rule} setEnabled={setAlertRuleEnabledAction} />}
                </p>
              </div>
              {canEdit && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">
                    Edit
                  </summary>
                  <div className="mt-3">
                    <RuleForm rule={rule} environments={environments} actions={ruleActions} />
                  </div>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
