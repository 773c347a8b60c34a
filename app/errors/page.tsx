import type { Metadata } from "next";
import { ErrorGroupTable } from "@/components/signals/error-group-table";
import { NotAllowed } from "@/components/not-allowed";
import { can } from "@/lib/permissions";
import { listErrorGroups } from "@/lib/error-groups/list-error-groups";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { FilterProblem } from "@/components/filters/filter-problem";

export const metadata: Metadata = { title: "Errors" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KEYS = ["service", "environment", "status", "sort", "cursor"] as const;

export default async function ErrorsPage({ searchParams }: Props) {
  const raw = await searchParams;
  const query: Record<string, string> = {};
  for (const key of KEYS) if (typeof raw[key] === "string" && raw[key]) query[key] = raw[key];
  const qs = (params: Record<string, string>) =>
    Object.keys(params).length ? `?${new URLSearchParams(params)}` : "";
  const load = await loadPage(`/errors${qs(query)}`, async (db, actor) => {
    const { value, problem } = await catchInvalid(listErrorGroups(db, actor, { ...query, limit: "50" }));
    return { page: value, problem, canDeclare: can(actor, "incidents.declare") };
  });
  if (!load.allowed) return <NotAllowed role={load.role} message={load.message} />;
  const { page, problem, canDeclare } = load.data;
  const sort = query.sort === "count" ? "count" : "last_seen";
  const { cursor: _cursor, ...withoutCursor } = query;
  void _cursor;

  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Errors</h1>
        <p className="text-sm text-slate-500">
          Grouped by fingerprint per service and environment · times in UTC
        </p>
      </div>
      {problem ? (
        <FilterProblem errors={problem.errors} reset={{ href: "/errors", label: "Show all errors" }} />
      ) : !page || page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
          <p className="font-medium">
            No errors reported
            {query.service || query.environment || query.status ? " that match these filters" : ""}.
          </p>
          <p className="mt-1 text-sm text-slate-500">
            Report occurrences with an API token:{" "}
            <code className="break-all">
              POST /api/errors{" "}
              {`{"fingerprint":"…","title":"…","service":"payment-service","environment":"production"}`}
            </code>
          </p>
        </div>
      ) : (
        <ErrorGroupTable
          items={page.items}
          sort={sort}
          canDeclare={canDeclare}
          sortHrefs={{
            count: `/errors${qs({ ...withoutCursor, sort: "count" })}`,
            last_seen: `/errors${qs({ ...withoutCursor, sort: "last_seen" })}`,
          }}
          pages={{
            next: page.nextCursor
              ? { href: `/errors${qs({ ...query, cursor: page.nextCursor })}`, label: "Older errors" }
              : undefined,
          }}
        />
      )}
    </section>
  );
}
