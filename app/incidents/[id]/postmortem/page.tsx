import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { ActionItemForm } from "@/components/action-items/action-item-form";
import { ActionItemsTable } from "@/components/action-items/action-items-table";
import { NotAllowed } from "@/components/not-allowed";
import { CreatePostmortemButton } from "@/components/postmortem/create-postmortem-button";
import { PostmortemDocument } from "@/components/postmortem/postmortem-document";
import { PostmortemEditor } from "@/components/postmortem/postmortem-editor";
import { SnapshotCharts } from "@/components/postmortem/snapshot-charts";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { createActionItemAction, updateActionItemStatusAction } from "@/app/action-items/actions";
import { listActionItems } from "@/lib/action-items/list-action-items";
import { cookieTimeZone, TIME_ZONE_COOKIE } from "@/lib/action-items/time-zone";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { getIncident } from "@/lib/incidents/get-incident";
import { loadPage } from "@/lib/http/page-errors";
import { findPostmortem } from "@/lib/postmortems/get-postmortem";
import { createPostmortemAction, savePostmortemAction } from "./actions";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const TAB = "rounded px-3 py-1 text-sm font-medium";
const TAB_ON = `${TAB} bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900`;
const TAB_OFF = `${TAB} text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Postmortem ${(await params).id}` };
}

const STATUS_LABEL: Record<string, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
};

export default async function PostmortemPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { view } = await searchParams;
  const tz = cookieTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  const page = await loadPage(`/incidents/${id}/postmortem`, async (db, actor) => {
    const [incident, postmortem, catalog, items] = await Promise.all([
      getIncident(db, actor, id),
      findPostmortem(db, actor, id, { tz }),
      listCatalog(db, actor),
      listActionItems(db, actor, { incidentId: id, tz, limit: 100 }),
    ]);
    return {
      incident,
      postmortem,
      items: items.items,
      users: respondersOf(catalog.users),
      canEdit: can(actor, "postmortems.edit"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { incident, postmortem, items, users, canEdit } = page.data;
  // Reading is the default once published (or for those who cannot edit); a draft opens in the editor
  // with the read view one click away, for the review meeting.
  const editable = canEdit && postmortem?.status !== "published";
  const reading = !editable || view === "read";
  const base = `/incidents/${encodeURIComponent(incident.id)}/postmortem`;

  return (
    <div className="space-y-6">
      <TimeZoneCookie current={tz} />
      <div>
        <p className="text-sm">
          <Link href={`/incidents/${incident.id}`} className="underline">
            {incident.id}
          </Link>
        </p>
        <h1 className="text-xl font-semibold">Postmortem: {incident.title}</h1>
        {postmortem && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="postmortem-meta">
            <span
              className="rounded bg-slate-100 px-1.5 py-0.5 font-medium dark:bg-slate-800"
              data-testid="postmortem-status"
            >
              {STATUS_LABEL[postmortem.status]}
            </span>
            {" · "}Authors:{" "}
            {postmortem.authors.length ? postmortem.authors.map((a) => a.name).join(", ") : "none yet"}
            {postmortem.publishedAt && (
              <> · Published {postmortem.publishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</>
            )}
          </p>
        )}
      </div>

      {!postmortem ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <p className="mb-3 text-sm">
            This incident has no postmortem yet: {incident.severity} incidents do not get one automatically,
            or it was not resolved yet.
          </p>
          {canEdit && <CreatePostmortemButton incidentId={incident.id} create={createPostmortemAction} />}
        </section>
      ) : (
        <>
          <nav aria-label="Postmortem views" className="flex flex-wrap items-center gap-2 print:hidden">
            {editable && (
              <>
                <Link
                  href={base}
                  className={reading ? TAB_OFF : TAB_ON}
                  aria-current={reading ? undefined : "page"}
                >
                  Edit
                </Link>
                <Link
                  href={`${base}?view=read`}
                  className={reading ? TAB_ON : TAB_OFF}
                  aria-current={reading ? "page" : undefined}
                >
                  Read
                </Link>
              </>
            )}
            <a
              href={`/api/dashboard/incidents/${encodeURIComponent(incident.id)}/postmortem?format=markdown&tz=${encodeURIComponent(tz)}`}
              download
              className={`${TAB_OFF} border border-slate-300 dark:border-slate-700`}
            >
              Export Markdown
            </a>
            <span className="text-xs text-slate-500">
              Print or save as PDF from the browser: the page prints as a document.
            </span>
          </nav>
          {reading ? (
            <PostmortemDocument sections={postmortem.sections} />
          ) : (
            <PostmortemEditor
              key={postmortem.status}
              incidentId={incident.id}
              version={postmortem.version}
              status={postmortem.status}
              sections={postmortem.sections}
              save={savePostmortemAction}
            />
          )}
          <section
            aria-label="Metric snapshots"
            className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <h2 className="mb-3 text-sm font-semibold">Metric snapshots</h2>
            <SnapshotCharts snapshot={postmortem.metricSnapshot} />
          </section>
        </>
      )}

      <section
        aria-label="Action items"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 className="text-sm font-semibold">Action items</h2>
        <ActionItemsTable
          items={items}
          update={updateActionItemStatusAction}
          canEdit={canEdit}
          showIncident={false}
          variant="plain"
        />
        {canEdit && <ActionItemForm incidentId={incident.id} users={users} create={createActionItemAction} />}
      </section>
    </div>
  );
}
