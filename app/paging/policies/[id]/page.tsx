import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { DeletePolicyButton } from "@/components/paging/delete-policy-button";
import { PolicyForm } from "@/components/paging/policy-form";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { loadPage } from "@/lib/http/page-errors";
import { describeSteps } from "@/lib/paging/describe-policy";
import { getPolicy, listPolicies } from "@/lib/paging/list-policies";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { deletePolicyAction, savePolicyAction } from "../actions";

export const metadata: Metadata = { title: "Escalation policy" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function PolicyPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { saved } = await searchParams;
  const page = await loadPage(`/paging/policies/${encodeURIComponent(id)}`, async (db, actor) => {
    const [policy, policies, catalog] = await Promise.all([
      getPolicy(db, actor, id),
      listPolicies(db, actor),
      listCatalog(db, actor),
    ]);
    return { policy, policies: policies.items, catalog, canManage: can(actor, "escalation-policies.manage") };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { policy, policies, catalog, canManage } = page.data;
  const names = {
    people: new Map(catalog.users.map((u) => [u.id, u.name])),
    policies: new Map(policies.map((p) => [p.id, p.name])),
  };

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm">
            <Link href="/paging/policies" className="text-slate-600 hover:underline dark:text-slate-400">
              ← Escalation policies
            </Link>
          </p>
          <h1 className="break-words text-2xl font-semibold tracking-tight">{policy.name}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {policy.isDefault ? "The default policy · " : ""}
            {policy.services.length ? `Pages for ${policy.services.join(", ")}` : "No service names it"}
            {policy.repeat ? ` · repeats ${policy.repeat}×` : ""}
          </p>
        </div>
        {canManage && <DeletePolicyButton id={policy.id} name={policy.name} remove={deletePolicyAction} />}
      </div>
      {saved && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Policy saved.
        </p>
      )}
      {canManage ? (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <PolicyForm
            key={policy.version}
            policy={policy}
            people={respondersOf(catalog.users).map((u) => ({ value: u.id, label: u.name }))}
            services={catalog.services.map((s) => ({ value: s.slug, label: `${s.name} (${s.slug})` }))}
            policies={policies.filter((p) => p.id !== policy.id).map((p) => ({ value: p.id, label: p.name }))}
            save={savePolicyAction}
          />
        </div>
      ) : (
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {describeSteps(policy, names).map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      )}
    </section>
  );
}
