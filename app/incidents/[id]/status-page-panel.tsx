import Link from "next/link";
import { Markdown } from "@/components/markdown";
import { PublicIncidentComposer } from "@/components/status-page/public-incident-composer";
import { PHASE_LABELS } from "@/components/status-page/public-text-fields";
import { PublicUpdateForm } from "@/components/status-page/public-update-form";
import { loadPage } from "@/lib/http/page-errors";
import { can } from "@/lib/permissions";
import type { LinkedPublicIncident } from "@/lib/status-pages/composer-types";
import { draftPublicIncident } from "@/lib/status-pages/draft-public-incident";
import { listLinkedPublicIncidents } from "@/lib/status-pages/list-linked-public-incidents";
import { Panel } from "./panel";
import { postPublicUpdateAction, publishPublicIncidentAction } from "./status-page-actions";

const LINK = "text-sky-700 underline hover:text-sky-900 dark:text-sky-300";

function Published({ linked }: { linked: LinkedPublicIncident }) {
  const latest = linked.updates[0];
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <span className="font-medium">{linked.title}</span>{" "}
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {PHASE_LABELS[linked.phase]}
        </span>
      </p>
      {latest && (
        <div className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Latest public update · {PHASE_LABELS[latest.phase]} · {latest.createdBy} ·{" "}
            <time dateTime={latest.createdAt.toISOString()}>
              {latest.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            </time>
          </p>
          <Markdown>{latest.body}</Markdown>
        </div>
      )}
      <p className="text-sm">
        <a href={`/status/${linked.page.slug}`} className={LINK} target="_blank" rel="noopener">
          Open /status/{linked.page.slug}
        </a>{" "}
        <span className="text-xs text-slate-500 dark:text-slate-400">({linked.page.name})</span>
      </p>
    </div>
  );
}

/**
 * What customers were told about this incident, and the means to tell them: the composer while
 * nothing is published (open at once for SEV1/SEV2, whose draft is ready), follow-up updates after.
 * People without status-pages.manage see only what was published.
 */
export async function StatusPagePanel({ incidentId }: { incidentId: string }) {
  const load = await loadPage(`/incidents/${incidentId}`, async (db, actor) => {
    const canManage = can(actor, "status-pages.manage");
    const [linked, draft] = await Promise.all([
      listLinkedPublicIncidents(db, actor, incidentId),
      canManage ? draftPublicIncident(db, actor, incidentId) : null,
    ]);
    return { linked, draft };
  });
  if (!load.allowed) return null;
  const { linked, draft } = load.data;
  if (linked.length === 0 && !draft) return null;
  // Once every public incident it had is resolved, a recurrence is a new public incident.
  const allResolved = linked.every((item) => item.resolvedAt);
  return (
    <Panel title="Status page" id="status-page">
      <div className="space-y-4">
        {linked.map((item) => (
          <div key={item.id} className="space-y-3">
            <Published linked={item} />
            {draft && !item.resolvedAt && (
              <PublicUpdateForm incidentId={incidentId} linked={item} post={postPublicUpdateAction} />
            )}
          </div>
        ))}
        {draft && allResolved && draft.pages.length === 0 && (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            No status page exists yet, so customers cannot be told here.{" "}
            {/* No prefetch: a responder on this page rarely follows it, and e2e waits for an idle network. */}
            <Link href="/settings/status-pages" prefetch={false} className={LINK}>
              Set one up in the status page settings
            </Link>
            .
          </p>
        )}
        {draft && allResolved && draft.pages.length > 0 && (
          <Composer incidentId={incidentId} draft={draft} again={linked.length > 0} />
        )}
      </div>
    </Panel>
  );
}

function Composer({
  incidentId,
  draft,
  again,
}: {
  incidentId: string;
  draft: NonNullable<Awaited<ReturnType<typeof draftPublicIncident>>>;
  again: boolean;
}) {
  // A first SEV1/SEV2 draft opens at once; a new one after a resolved public incident waits to be asked for.
  const urgent = !again && (draft.severity === "SEV1" || draft.severity === "SEV2");
  return (
    <details open={urgent} className="group">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 text-sm font-medium">
        {again ? "Publish a new public incident" : "Publish to the status page"}
        {urgent && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Draft for customers
          </span>
        )}
      </summary>
      <div className="mt-3">
        {urgent && (
          <p className="mb-3 text-xs text-slate-600 dark:text-slate-300">
            A {draft.severity} usually affects customers. This draft names only the affected components; check
            it, then publish.
          </p>
        )}
        <PublicIncidentComposer
          incidentId={incidentId}
          pages={draft.pages}
          publish={publishPublicIncidentAction}
        />
      </div>
    </details>
  );
}
