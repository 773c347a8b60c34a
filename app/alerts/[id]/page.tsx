import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { AlertChart } from "@/components/alerts/alert-chart";
import { AlertSeverityBadge, AlertStatusBadge, utc } from "@/components/alerts/alert-badges";
import { getAlertChart } from "@/lib/alerts/alert-chart";
import { declareQueryFor, INCIDENT_SEVERITY_FOR } from "@/lib/alerts/declare-from-alert";
import { getAlert } from "@/lib/alerts/list-alerts";
import { can } from "@/lib/permissions";
import { formatNestedValue, NESTED_FORMAT_LIMITS } from "@/lib/json/format-nested-value";
import { loadPage } from "@/lib/http/page-errors";
import { PagingPanel } from "@/components/paging/paging-panel";
import { getSubjectPaging } from "@/lib/paging/subject-paging";
import { acknowledgePageAction, escalatePageAction, resolvePageAction } from "@/app/pages/actions";

// The annotation map is one level above the 8 that ingest allows each annotation.
const ANNOTATION_LIMITS = { ...NESTED_FORMAT_LIMITS, maxDepth: NESTED_FORMAT_LIMITS.maxDepth + 1 };

export const metadata: Metadata = { title: "Alert" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };
const card =
  "rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";

export default async function AlertPage({ params }: Props) {
  const { id } = await params;
  const page = await loadPage(`/alerts/${encodeURIComponent(id)}`, async (db, actor) => {
    const alert = await getAlert(db, actor, id);
    const [chart, paging] = await Promise.all([
      getAlertChart(db, actor, alert),
      getSubjectPaging(db, actor, { alertId: alert.id }),
    ]);
    return {
      alert,
      chart,
      paging,
      canDeclare: can(actor, "incidents.declare"),
      canPage: can(actor, "paging.respond"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { alert, chart, paging, canDeclare, canPage } = page.data;
  const openIncident = alert.incidents.find((i) => i.status !== "resolved");

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/alerts" className="hover:underline">
          Alerts
        </Link>{" "}
        / {alert.id}
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{alert.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <AlertStatusBadge status={alert.status} /> <AlertSeverityBadge severity={alert.severity} />
            <span>
              {alert.service ?? "no service"} · {alert.environment} · from {alert.source}
            </span>
          </p>
        </div>
        {canDeclare && !openIncident && (
          <Link
            href={`/incidents/new?${declareQueryFor(alert)}`}
            className="rounded-md bg-red-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-700"
          >
            Create Incident
          </Link>
        )}
      </header>

      <dl className={`${card} grid gap-3 text-sm sm:grid-cols-3`}>
        <div>
          <dt className="text-slate-500">Value vs threshold</dt>
          <dd className="tabular-nums">
            {alert.value ?? "—"} / {alert.threshold ?? "—"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Started</dt>
          <dd>{utc(alert.startsAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Ended</dt>
          <dd>{utc(alert.endsAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Last seen</dt>
          <dd>
            {utc(alert.lastSeenAt)} · {alert.fireCount}×
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Dedup key</dt>
          <dd className="break-all font-mono text-xs">{alert.dedupKey}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Incident severity if declared</dt>
          <dd>{INCIDENT_SEVERITY_FOR[alert.severity]}</dd>
        </div>
        {alert.generatorUrl && (
          <div className="sm:col-span-3">
            <dt className="text-slate-500">Source</dt>
            <dd>
              <a
                href={alert.generatorUrl}
                className="break-all underline"
                rel="noreferrer noopener"
                target="_blank"
              >
                {alert.generatorUrl}
              </a>
            </dd>
          </div>
        )}
      </dl>

      <section className={card} aria-labelledby="chart-heading">
        <h2 id="chart-heading" className="mb-2 text-sm font-semibold">
          Metric around the event
        </h2>
        {chart && chart.points.length > 0 ? (
          <AlertChart chart={chart} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No service health data for this alert&apos;s service and environment around {utc(alert.startsAt)}.
          </p>
        )}
      </section>

      <section className={card} aria-labelledby="paging-heading">
        <h2 id="paging-heading" className="mb-3 text-sm font-semibold">
          Paging
        </h2>
        {paging.pages.length === 0 && openIncident ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Not paged on its own: it belongs to{" "}
            <Link href={`/incidents/${openIncident.id}`} className="underline">
              {openIncident.id}
            </Link>
            , whose page is on the incident.
          </p>
        ) : (
          <PagingPanel
            pages={paging.pages}
            more={paging.more}
            actions={
              canPage
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

      <div className="grid gap-4 md:grid-cols-2">
        <section className={card} aria-labelledby="incidents-heading">
          <h2 id="incidents-heading" className="mb-2 text-sm font-semibold">
            Linked incidents
          </h2>
          {alert.incidents.length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {alert.incidents.map((i) => (
                <li key={i.id}>
                  <Link href={`/incidents/${i.id}`} className="font-medium hover:underline">
                    {i.id}
                  </Link>{" "}
                  {i.title} · {i.severity} · {i.status}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className={card} aria-labelledby="labels-heading">
          <h2 id="labels-heading" className="mb-2 text-sm font-semibold">
            Labels
          </h2>
          {Object.keys(alert.labels).length === 0 ? (
            <p className="text-sm text-slate-500">None.</p>
          ) : (
            <ul className="flex flex-wrap gap-1.5 text-xs">
              {Object.entries(alert.labels).map(([k, v]) => (
                <li key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono dark:bg-slate-800">
                  {k}={v}
                </li>
              ))}
            </ul>
          )}
          {Object.keys(alert.annotations).length > 0 && (
            <pre className="mt-3 overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">
              {formatNestedValue(alert.annotations, ANNOTATION_LIMITS)}
            </pre>
          )}
        </section>
      </div>

      <section className={card} aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-2 text-sm font-semibold">
          History
        </h2>
        <ol className="space-y-1 text-sm">
          {alert.events.map((e, i) => (
            <li key={i} className="tabular-nums">
              <span className="text-slate-500">{utc(e.at)}</span> {e.kind}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
