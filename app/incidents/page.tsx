import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar } from "@/components/incidents-list/filter-bar";
import { LiveRefresh } from "@/components/live/live-refresh";
import { type IncidentRow, IncidentTable } from "@/components/incidents-list/incident-table";
import { NotAllowed } from "@/components/not-allowed";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { isUpdateOverdue, responseState } from "@/lib/incidents/attention";
import { listIncidents } from "@/lib/incidents/list-incidents";
import { getReminderSettings } from "@/lib/reminders/reminder-settings";
import { filterQueryString, hasFilters, listQueryFromParams } from "@/lib/incidents/list-params";
import { FilterProblem } from "@/components/filters/filter-problem";

export const metadata: Metadata = { title: "Incidents" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function IncidentsPage({ searchParams }: Props) {
  const query = listQueryFromParams(await searchParams);
  const returnTo = `/incidents${filterQueryString(query)}`;
  const load = await loadPage(
    returnTo,
    async (db, actor) => {
      const [catalog, reminders] = await Promise.all([
        listCatalog(db, actor),
        getReminderSettings(db, actor),
      ]);
      const { value: page, problem } = await catchInvalid(
        listIncidents(db, actor, { ...query, limit: "25" }),
      );
      return { page, catalog, problem, intervals: reminders.updateIntervalMinutes };
    },
    { replicaRead: true },
  );
  if (!load.allowed) return <NotAllowed role={load.role} message={load.message} />;
  const { page, catalog, problem, intervals } = load.data;

  const now = new Date();
  const rows: IncidentRow[] = (page?.items ?? []).map((item) => ({
    ...item,
    updateOverdue: isUpdateOverdue(item, intervals, now),
    responseBreached: responseState(item, now).breached,
  }));
  const filtered = hasFilters(query);

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Incidents</h1>
        <p className="flex items-center gap-2 text-sm text-slate-500">
          Newest first · times in UTC <LiveRefresh url="/api/dashboard/events?types=incident" />
          {problem ? null : (
            <a
              href={`/api/dashboard/incidents${filterQueryString(query, { format: "csv" })}`}
              download
              className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              Export CSV{filtered ? " (filtered)" : ""}
            </a>
          )}
        </p>
      </div>
      <FilterBar query={query} services={catalog.services} environments={catalog.environments} />
      {problem ? (
        <FilterProblem errors={problem.errors} reset={{ href: "/incidents", label: "Show all incidents" }} />
      ) : rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
          {filtered || query.cursor ? (
            <>
              <p className="font-medium">No incidents match these filters.</p>
              <Link href="/incidents" className="mt-2 inline-block text-sm underline">
                Clear the filters
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium">No incidents yet. Quiet is good.</p>
              <p className="mt-1 text-sm text-slate-500">
                When something breaks, declare early: it is easier to close an incident than to catch up on
                one.
              </p>
              <Link href="/incidents/new" className="mt-3 inline-block text-sm font-medium underline">
                Declare an incident
              </Link>
            </>
          )}
        </div>
      ) : (
        <IncidentTable
          rows={rows}
          pages={{
            first: query.cursor
              ? { href: `/incidents${filterQueryString(query)}`, label: "← Newest" }
              : undefined,
            next: page?.nextCursor
              ? {
                  href: `/incidents${filterQueryString(query, { cursor: page.nextCursor })}`,
                  label: "Older incidents →",
                }
              : undefined,
          }}
        />
      )}
    </section>
  );
}
