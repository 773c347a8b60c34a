import Link from "next/link";

const ruleHref = (ruleId: string) => `/alerts/rules#rule-${ruleId}`;

/** Marks a workflow that is an alert rule's auto-create: it is changed on the rule, not here. */
export function RuleOwnerBadge({ ruleId }: { ruleId: string }) {
  return (
    <Link
      href={ruleHref(ruleId)}
      className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs font-normal text-sky-800 hover:underline dark:bg-sky-950 dark:text-sky-200"
      title="This workflow is an alert rule's auto-create"
    >
      alert rule
    </Link>
  );
}

export function RuleOwnerNote({ ruleId }: { ruleId: string }) {
  return (
    <p
      role="note"
      className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
    >
      This workflow is the auto-create of an alert rule: it runs and logs like any workflow, and changes with
      its rule. To change its severity, turn it off or remove it,{" "}
      <Link href={ruleHref(ruleId)} className="font-medium underline">
        edit the rule
      </Link>
      .
    </p>
  );
}
