import type { Metadata } from "next";
import Link from "next/link";
import { DeclareForm } from "@/components/declare/declare-form";
import { NotAllowed } from "@/components/not-allowed";
import { assertRole } from "@/lib/actor";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { declarePrefillFromErrorGroup } from "@/lib/error-groups/declare-prefill";
import { loadPage } from "@/lib/http/page-errors";
import { declareIncidentAction } from "./actions";

export const metadata: Metadata = { title: "Declare incident" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeclareIncidentPage({ searchParams }: Props) {
  const { errorGroup } = await searchParams;
  const fromGroup = typeof errorGroup === "string" && errorGroup ? errorGroup : null;
  const page = await loadPage(fromGroup ? `/incidents/new?errorGroup=${encodeURIComponent(fromGroup)}` : "/incidents/new", async (db, actor) => {
    // The same check declareIncident makes, asked first so a viewer is not handed a form to fill in vain.
    assertRole(actor, "responder", "declare incidents");
    const prefill = fromGroup ? await declarePrefillFromErrorGroup(db, actor, fromGroup) : undefined;
    return { catalog: await listCatalog(db, actor), currentUserId: actor.type === "user" ? actor.userId : null, prefill };
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
          <DeclareForm catalog={page.data.catalog} currentUserId={page.data.currentUserId} declare={declareIncidentAction} prefill={page.data.prefill} />
        </>
      ) : (
        <NotAllowed role={page.role} message={page.message}>
          If something is broken, tell the on-call responder or ask an admin for the responder role. You can still follow
          every incident as it unfolds.
        </NotAllowed>
      )}
    </div>
  );
}
