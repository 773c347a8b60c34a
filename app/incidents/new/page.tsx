import type { Metadata } from "next";
import Link from "next/link";
import { DeclareForm } from "@/components/declare/declare-form";
import { NotAllowed } from "@/components/declare/not-allowed";
import { assertRole } from "@/lib/actor";
import { asPageUser } from "@/lib/auth/page-actor";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { DomainError } from "@/lib/errors";

export const metadata: Metadata = { title: "Declare incident" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Declare opened from an alert: `?alert=&title=&service=&environment=&severity=&impactStartedAt=`. */
function prefillFrom(params: Record<string, string | string[] | undefined>) {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string).slice(0, 500) : undefined);
  const alertId = one("alert");
  if (!alertId) return { prefill: undefined, alertId: undefined };
  const prefill: Record<string, string> = {};
  for (const key of ["title", "severity", "environment", "impactStartedAt"]) if (one(key)) prefill[key] = one(key)!;
  const service = one("service");
  if (service) prefill.services = JSON.stringify([service]);
  prefill.description = `Declared from alert [${alertId}](/alerts/${encodeURIComponent(alertId)}).`;
  return { prefill, alertId };
}

export default async function DeclareIncidentPage({ searchParams }: Props) {
  const { prefill, alertId } = prefillFrom(await searchParams);
  const page = await asPageUser("/incidents/new", async (db, actor) => {
    try {
      // The same check declareIncident makes, asked first so a viewer is not handed a form to fill in vain.
      assertRole(actor, "responder", "declare incidents");
    } catch (error) {
      if (error instanceof DomainError && error.code === "forbidden") return { allowed: false as const, role: actor.role, message: error.message };
      throw error;
    }
    return { allowed: true as const, catalog: await listCatalog(db, actor), currentUserId: actor.type === "user" ? actor.userId : null };
  });

  return (
    <div className="mx-auto max-w-4xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/incidents" className="rounded hover:text-slate-900 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:hover:text-white">
          Incidents
        </Link>
        <span aria-hidden className="mx-1.5">/</span>
        <span aria-current="page">Declare</span>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Declare an incident</h1>
      {page.allowed ? (
        <>
          <p className="mb-6 mt-1 max-w-2xl text-sm text-slate-600 dark:text-slate-400">
            Start the response with what you know now; every field can be changed later. The incident gets its ID and
            its first timeline entry the moment you declare.
          </p>
          <DeclareForm catalog={page.catalog} currentUserId={page.currentUserId} prefill={prefill} alertId={alertId} />
        </>
      ) : (
        <NotAllowed role={page.role} message={page.message} />
      )}
    </div>
  );
}
