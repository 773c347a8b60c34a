"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { RuleOwnerBadge } from "@/components/workflows/rule-owner";
import { ToggleWorkflowButton } from "@/components/workflows/workflow-switches";
import { formatUtc } from "@/lib/format";
import type { FormAction } from "@/lib/http/action-state";
import type { WorkflowView } from "@/lib/workflows/schemas";

/** What the list shows of a workflow: its actions by type only (their settings stay on the edit page). */
export type WorkflowRow = Pick<
  WorkflowView,
  "id" | "name" | "trigger" | "condition" | "enabled" | "lastRun" | "alertRuleId"
> & {
  actionTypes: string[];
};

/** Every workflow with its last run; editors switch one on or off in place. */
export function WorkflowsTable({
  workflows,
  toggle,
}: {
  workflows: WorkflowRow[];
  toggle: FormAction | null;
}) {
  const columns: ColumnDef<WorkflowRow>[] = [
    {
      id: "name",
      header: "Name",
      meta: { className: "font-medium" },
      cell: ({ row: { original: w } }) => (
        <>
          <Link href={`/workflows/${w.id}`} className="underline-offset-2 hover:underline">
            {w.name}
          </Link>
          {w.alertRuleId && <RuleOwnerBadge ruleId={w.alertRuleId} />}
        </>
      ),
    },
    {
      id: "trigger",
      header: "Trigger",
      meta: { className: "font-mono text-xs" },
      cell: ({ row }) => row.original.trigger,
    },
    {
      id: "condition",
      header: "Condition",
      meta: { className: "max-w-md font-mono text-xs" },
      cell: ({ row }) => row.original.condition || <span className="text-slate-500">every event</span>,
    },
    {
      id: "actions",
      header: "Actions",
      meta: { className: "text-xs" },
      cell: ({ row }) => row.original.actionTypes.join(", "),
    },
    {
      id: "lastRun",
      header: "Last run",
      meta: { className: "text-xs" },
      cell: ({ row: { original: w } }) =>
        w.lastRun ? `${formatUtc(w.lastRun.at)} (${w.lastRun.matched ? "matched" : "no match"})` : "never",
    },
    {
      id: "state",
      header: "State",
      cell: ({ row: { original: w } }) =>
        toggle && !w.alertRuleId ? (
          <ToggleWorkflowButton id={w.id} name={w.name} enabled={w.enabled} toggle={toggle} />
        ) : w.enabled ? (
          "enabled"
        ) : (
          "disabled"
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      data={workflows}
      rowKey={(w) => w.id}
      caption="Workflows"
      empty="No workflows yet."
    />
  );
}
