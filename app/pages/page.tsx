import type { Metadata } from "next";
import Link from "next/link";
import { FilterProblem } from "@/components/filters/filter-problem";
import { LiveRefresh } from "@/components/live/live-refresh";
import { NotAllowed } from "@/components/not-allowed";
import { PagesTable, type PageRow } from "@/components/paging/pages-table";
import { PagingNav } from "@/components/paging/paging-nav";
import { formatDuration } from "@/lib/format";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { type SearchParams, searchQuery } from "@/lib/http/search-query";
import { listPagesOverview, type PageOverviewItem } from "@/lib/paging/pages-overview";
import { can } from "@/lib/permissions";
import { acknowledgePageAction, escalatePageAction, resolvePageAction } from "./actions";

export const metadata: Metadata = { title: "Pages" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<SearchParams> };

const STATES = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
] as const;

const subjectHref = (page: PageOverviewItem) =>
  page.incidentId
    ? `/incidents/${encodeURIComponent(page.incidentId)}`
    : page.alertId
      ? `/alerts/${encodeURIComponent(page.alertId)}`
      : null;

function toRow(page: PageOverviewItem, now: Date): PageRow {
  return {
    id: page.id,
    title: page.title,
    href: subjectHref(page),
    urgency: page.urgency,
    state: page.state,
    step: page.step,
    pass: page.pass,
    mine: page.mine,
    paged: page.assignees.map((a) => a.name),
    acknowledgedBy: page.acknowledgedByName,
    age: formatDuration((now.getTime() - page.createdAt.getTime()) / 1000),
    createdAt: page.createdAt.toISOString(),
  };
}

export default async function PagesPage({ searchParams }: Props) {
  const query = searchQuery(await searchParams, ["state"]);
  const state = query.state ?? "open";
  const loaded = await loadPage(
    `/pages${query.state ? `?state=${encodeURIComponent(state)}` : ""}`,
    async (db, actor) => ({
      result: await catchInvalid(listPagesOverview(db, actor, { state })),
      canRespond: can(actor, "paging.respond"),
    }),
  );
  if (!loaded.allowed) return <NotAllowed role={loaded.role} message={loaded.message} />;
  const { result, canRespond } = loaded.data;
  const now = new Date();

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Pages</h1>
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <span>Yours first · a page stops escalating once someone acknowledges it</span>
          <LiveRefresh url="/api/dashboard/events?types=page" />
        </p>
      </div>
      <PagingNav current="/pages" />
      <nav aria-label="Page state" className="flex flex-wrap gap-2 text-sm">
        {STATES.map((s) => (
          <Link
            key={s.value}
            href={s.value === "open" ? "/pages" : `/pages?state=${s.value}`}
            aria-current={s.value === state ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${
              s.value === state
                ? "border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900"
                : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      {result.problem ? (
        <FilterProblem errors={result.problem.errors} reset={{ href: "/pages", label: "Show open pages" }} />
      ) : (
        <PagesTable
          pages={result.value.items.map((page) => toRow(page, now))}
          actions={
            canRespond
              ? {
                  acknowledge: acknowledgePageAction,
                  resolve: resolvePageAction,
                  escalate: escalatePageAction,
                }
              : null
          }
        />
      )}
    </section>
  );
}
