import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { ReleasesTable } from "@/components/releases/releases-table";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { listReleases } from "@/lib/releases/list-releases";
import { FilterProblem } from "@/components/filters/filter-problem";

export const metadata: Metadata = { title: "Releases" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReleasesPage({ searchParams }: Props) {
  const raw = await searchParams;
  const query: Record<string, string> = {};
  for (const key of ["service", "environment", "cursor"])
    if (typeof raw[key] === "string" && raw[key]) query[key] = raw[key] as string;
  const load = await loadPage(
    `/releases${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`,
    async (db, actor) => {
      const { value, problem } = await catchInvalid(listReleases(db, actor, { ...query, limit: "50" }));
      return { page: value, problem };
    },
  );
  if (!load.allowed) return <NotAllowed role={load.role} message={load.message} />;
  const { page, problem } = load.data;

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
        <p className="text-sm text-slate-500">Newest deployment first · times in UTC</p>
      </div>
      {problem ? (
        <FilterProblem errors={problem.errors} reset={{ href: "/releases", label: "Show all releases" }} />
      ) : !page || page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
          <p className="font-medium">No releases recorded.</p>
          <p className="mt-1 text-sm text-slate-500">
            Record deployments from CI with an API token:{" "}
            <code className="break-all">
              POST /api/releases{" "}
              {`{"service":"payment-service","environment":"production","version":"v2.3.1","commit":"9f3c2a1"}`}
            </code>
          </p>
        </div>
      ) : (
        <ReleasesTable
          releases={page.items}
          pages={{
            next: page.nextCursor
              ? {
                  href: `/releases?${new URLSearchParams({ ...query, cursor: page.nextCursor })}`,
                  label: "Older releases",
                }
              : undefined,
          }}
        />
      )}
    </section>
  );
}
