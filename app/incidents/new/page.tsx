import type { Metadata } from "next";
import Link from "next/link";
import { DeclareForm } from "@/components/declare/declare-form";
import { NotAllowed } from "@/components/not-allowed";
import { authorize } from "@/lib/permissions";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { declarePrefillFromErrorGroup } from "@/lib/error-groups/declare-prefill";
import { loadPage } from "@/lib/http/page-errors";
import { declareIncidentAction } from "./actions";

export const metadata: Metadata = { title: "Declare incident" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Declare opened from an alert: `?alert=&title=&service=&environment=&severity=&impactStartedAt=`. */
function prefillFrom(params: Record<string, string | string[] | undefined>) {
  const one = (key: string) =>
    typeof params[key] === "string" ? (params[key] as string).slice(0, 500) : undefined;
  const alertId = one("alert");
  if (!alertId) return { prefill: undefined, alertId: undefined };
  const prefill: Record<string, string> = {};
  for (const key of ["title", "severity", "environment", "impactStartedAt"])
    if (one(key)) prefill[key] = one(key)!;
  const service = one("service");
  if (service) prefill.services = JSON.stringify([service]);
  prefill.description = `Declared from alert [${alertId}](/alerts/${encodeURIComponent(alertId)}).`;
  return { prefill, alertId };
}

export default async function DeclareIncidentPage({ searchParams }: Props) {
  const params = await searchParams;
  const { prefill: alertPrefill, alertId } = prefillFrom(params);
  const fromGroup = typeof params.errorGroup === "string" && params.errorGroup ? params.errorGroup : null;
  const returnTo = fromGroup
    ? `/incidents/new?errorGroup=${encodeURIComponent(fromGroup)}`
    : "/incidents/new";
  const page = await loadPage(returnTo, async (db, actor) => {
    // The same check declareIncident makes, asked first so a viewer is not handed a form to fill in vain.
    authorize(actor, "incidents.declare");
    const group = fromGroup ? await declarePrefillFromErrorGroup(db, actor, fromGroup) : undefined;
    // The form takes its starting values as strings, services as the JSON list a refused submit sends back.
    const groupPrefill = group
      ? { title: group.title, environment: group.environment, services: JSON.stringify(group.services) }
      : undefined;
    const errorGroup = group ? { id: group.errorGroupId, title: group.errorGroupTitle } : undefined;
    return {
      catalog: await listCatalog(db, actor),
      currentUserId: actor.type === "user" ? actor.userId : null,
      groupPrefill,
      errorGroup,
    };
  });

  return (
    <div className="mx-auto max-w-4xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link
          href="/incidents"
          className="rounded hover:text-slate-900 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:hover:text-white"
        >
          Incidents
        </Link>
        <span aria-hidden className="mx-1.5">
          /
        </span>
        <span aria-current="page">Declare</span>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Declare an incident</h1>
      {page.allowed ? (
        <>
          <p className="mb-6 mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            Start the response with what you know now; every field can be changed later. The incident gets its
            ID and its first timeline entry the moment you declare.
          </p>
          <DeclareForm
            catalog={page.data.catalog}
            currentUserId={page.data.currentUserId}
            declare={declareIncidentAction}
            prefill={page.data.groupPrefill ?? alertPrefill}
            alertId={alertId}
            errorGroup={page.data.errorGroup}
          />
        </>
      ) : (
        <NotAllowed role={page.role} message={page.message}>
          If something is broken, tell the on-call responder or ask an admin for the responder role. You can
          still follow every incident as it unfolds.
        </NotAllowed>
      )}
    </div>
  );
}
