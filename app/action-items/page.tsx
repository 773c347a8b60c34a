import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { ActionItemForm } from "@/components/action-items/action-item-form";
import { ActionItemsTable } from "@/components/action-items/action-items-table";
import { compactControlClass, secondaryButtonClass } from "@/components/form/field";
import { NotAllowed } from "@/components/not-allowed";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { listActionItems } from "@/lib/action-items/list-action-items";
import { STATUS_LABELS } from "@/lib/action-items/schemas";
import { cookieTimeZone, TIME_ZONE_COOKIE } from "@/lib/action-items/time-zone";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { catchInvalid, loadPage } from "@/lib/http/page-errors";
import { listTimeline } from "@/lib/incidents/list-timeline";
import { describeEntry, isManualEntry } from "@/lib/incidents/describe-entry";
import { createActionItemAction, updateActionItemStatusAction } from "./actions";

export const metadata: Metadata = { title: "Action items" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FILTERS = ["status", "owner", "service", "overdue", "cursor"] as const;

export default async function ActionItemsPage({ searchParams }: Props) {
  const raw = await searchParams;
  const one = (key: string) =>
    typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined;
  const query: Record<string, string> = {};
  for (const key of FILTERS) if (one(key)) query[key] = one(key)!;
  // Open by default: the page is the to-do list across incidents.
  if (!("status" in raw)) query.status = "open";
  const tz = cookieTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  const fromIncident = one("incidentId");
  const fromEntry = Number(one("fromEntry") ?? NaN);

  const page = await loadPage("/action-items", async (db, actor) => {
    const [list, catalog] = await Promise.all([
      catchInvalid(listActionItems(db, actor, { ...query, tz })),
      listCatalog(db, actor),
    ]);
    let source: { incidentId: string; entryId: number; title: string } | null = null;
    if (fromIncident && Number.isInteger(fromEntry)) {
      const entry = (await listTimeline(db, actor, fromIncident)).find((e) => e.id === fromEntry);
      if (entry)
        source = {
          incidentId: fromIncident,
          entryId: entry.id,
          title: (isManualEntry(entry.kind) ? (entry.message ?? "") : describeEntry(entry))
            .split("\n")[0]
            .slice(0, 300),
        };
    }
    return { list, catalog, source, canEdit: can(actor, "action-items.manage") };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { list, catalog, source, canEdit } = page.data;
  const counts = list.value?.counts;

  return (
    <div className="space-y-6">
      <TimeZoneCookie current={tz} />
      <h1 className="text-xl font-semibold">Action items</h1>
      {source && canEdit && (
        <section
          aria-label="Make this an action item"
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="mb-2 text-sm font-semibold">
            New action item from{" "}
            <Link href={`/incidents/${source.incidentId}`} className="underline">
              {source.incidentId}
            </Link>
          </h2>
          <ActionItemForm
            incidentId={source.incidentId}
            timelineEntryId={source.entryId}
            defaultTitle={source.title}
            users={respondersOf(catalog.users)}
            create={createActionItemAction}
          />
        </section>
      )}
      {counts && (
        <p className="flex flex-wrap gap-3 text-sm" data-testid="action-item-counts">
          {Object.entries(STATUS_LABELS).map(([status, label]) => (
            <Link
              key={status}
              href={`/action-items?status=${status}`}
              className="rounded bg-slate-100 px-2 py-0.5 dark:bg-slate-800"
            >
              {label}: {counts[status as keyof typeof counts]}
            </Link>
          ))}
          <Link
            href="/action-items?status=&overdue=true"
            className="rounded bg-red-100 px-2 py-0.5 text-red-900 dark:bg-red-950 dark:text-red-100"
          >
            Overdue: {counts.overdue}
          </Link>
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filters">
        <div>
          <label htmlFor="f-status" className="mb-1 block text-xs font-medium">
            Status
          </label>
          <select
            id="f-status"
            name="status"
            defaultValue={query.status ?? ""}
            className={compactControlClass}
          >
            <option value="">Any</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-owner" className="mb-1 block text-xs font-medium">
            Owner
          </label>
          <select id="f-owner" name="owner" defaultValue={query.owner ?? ""} className={compactControlClass}>
            <option value="">Anyone</option>
            {catalog.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-service" className="mb-1 block text-xs font-medium">
            Service
          </label>
          <select
            id="f-service"
            name="service"
            defaultValue={query.service ?? ""}
            className={compactControlClass}
          >
            <option value="">Any</option>
            {catalog.services.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-overdue" className="mb-1 block text-xs font-medium">
            Overdue
          </label>
          <select
            id="f-overdue"
            name="overdue"
            defaultValue={query.overdue ?? ""}
            className={compactControlClass}
          >
            <option value="">Either</option>
            <option value="true">Overdue only</option>
            <option value="false">Not overdue</option>
          </select>
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Filter
        </button>
      </form>
      <p className="text-xs text-slate-500">Overdue once the due day has ended in your time zone ({tz}).</p>
      {list.problem ? (
        <p role="alert" className="text-sm text-red-700">
          {list.problem.errors.map((e) => `${e.path}: ${e.message}`).join(" ") || list.problem.message}
        </p>
      ) : (
        <ActionItemsTable
          items={list.value!.items}
          update={updateActionItemStatusAction}
          canEdit={canEdit}
          pages={{
            next: list.value!.nextCursor
              ? {
                  href: `/action-items?${new URLSearchParams({ ...query, cursor: list.value!.nextCursor })}`,
                  label: "Older items",
                }
              : undefined,
          }}
        />
      )}
    </div>
  );
}
