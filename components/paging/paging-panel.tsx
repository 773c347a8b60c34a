import Link from "next/link";
import { NotificationsTable } from "@/components/paging/notifications-table";
import { PageActions, type PageActionSet } from "@/components/paging/page-actions";
import { PageStateBadge, UrgencyBadge } from "@/components/paging/page-badges";
import { formatUtc } from "@/lib/format";
import type { SubjectPage } from "@/lib/paging/subject-paging";

/** "14:05:09 UTC": the log is read within a day; the full date is in the title. */
const clock = (date: Date) => `${date.toISOString().slice(11, 19)} UTC`;

function Log({ entries }: { entries: SubjectPage["log"] }) {
  return (
    <ol className="space-y-1.5 text-sm" aria-label="Page log">
      {entries.map((entry, i) => (
        <li key={i} className="flex gap-2" data-kind={entry.kind}>
          <time
            dateTime={entry.at.toISOString()}
            title={formatUtc(entry.at)}
            className="shrink-0 pt-px text-xs tabular-nums text-slate-500"
          >
            {clock(entry.at)}
          </time>
          <span className="min-w-0 break-words">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}

function OnePage({ page, actions }: { page: SubjectPage; actions: PageActionSet | null }) {
  return (
    <article className="space-y-3" data-page={page.id} data-state={page.state} aria-label={`Page ${page.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <PageStateBadge state={page.state} />
        <UrgencyBadge urgency={page.urgency} />
        <span className="text-xs text-slate-500">
          step {page.step}
          {page.pass > 1 ? `, pass ${page.pass}` : ""}
        </span>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">Policy</dt>
          <dd>
            {page.policyId && page.policyName ? (
              <Link href={`/paging/policies/${encodeURIComponent(page.policyId)}`} className="underline">
                {page.policyName}
              </Link>
            ) : page.direct ? (
              "None: paged directly by a workflow"
            ) : (
              "Removed"
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase tracking-wide text-slate-500">
            {page.state === "triggered"
              ? "Next escalation"
              : page.state === "acknowledged"
                ? "Acknowledged"
                : "Resolved"}
          </dt>
          <dd data-testid="page-status-line">
            {page.state === "triggered"
              ? page.nextEscalationAt
                ? formatUtc(page.nextEscalationAt)
                : "none: nobody left to page"
              : page.state === "acknowledged"
                ? `by ${page.acknowledgedByName ?? "someone"} at ${page.acknowledgedAt ? formatUtc(page.acknowledgedAt) : "?"}`
                : page.resolvedAt
                  ? formatUtc(page.resolvedAt)
                  : ""}
          </dd>
        </div>
        {page.acknowledgedByName && page.state === "resolved" && (
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">Acknowledged</dt>
            <dd>by {page.acknowledgedByName}</dd>
          </div>
        )}
        <div className="sm:col-span-2">
          <dt className="text-xs uppercase tracking-wide text-slate-500">Asked to answer</dt>
          <dd>
            {page.assignees.length
              ? page.assignees.map((a) => `${a.name} (${a.reason})`).join(", ")
              : "Nobody reached yet"}
          </dd>
        </div>
      </dl>
      {actions && <PageActions pageId={page.id} state={page.state} actions={actions} />}
      {page.notifications.length > 0 && (
        <NotificationsTable
          rows={page.notifications.map((n) => ({
            id: n.id,
            person: n.userName,
            method: n.method,
            status: n.status,
            detail: n.detail,
            when: formatUtc(n.sentAt ?? n.dueAt),
          }))}
        />
      )}
      <Log entries={page.log} />
    </article>
  );
}

/** The incident's or alert's pages: policy, who was notified when and how, the log, and the answers. */
export function PagingPanel({
  pages,
  more,
  actions,
}: {
  pages: SubjectPage[];
  more: number;
  actions: PageActionSet | null;
}) {
  if (pages.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Not paged: no escalation policy applies.{" "}
        <Link href="/paging/policies" className="underline">
          Escalation policies
        </Link>
      </p>
    );
  return (
    <div className="space-y-4 divide-y divide-slate-100 dark:divide-slate-800 [&>*+*]:pt-4">
      {pages.map((page) => (
        <OnePage key={page.id} page={page} actions={actions} />
      ))}
      {more > 0 && (
        <p className="text-xs text-slate-500">
          {more} older {more === 1 ? "page" : "pages"}:{" "}
          <Link href="/pages?state=all" className="underline">
            all pages
          </Link>
        </p>
      )}
    </div>
  );
}
