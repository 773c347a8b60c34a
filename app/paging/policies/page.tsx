import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { PagingNav } from "@/components/paging/paging-nav";
import { PoliciesTable } from "@/components/paging/policies-table";
import { PolicyForm } from "@/components/paging/policy-form";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { loadPage } from "@/lib/http/page-errors";
import { describeSteps } from "@/lib/paging/describe-policy";
import { listPolicies } from "@/lib/paging/list-policies";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { savePolicyAction } from "./actions";

export const metadata: Metadata = { title: "Escalation policies" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ deleted?: string }> };

export default async function PoliciesPage({ searchParams }: Props) {
  const { deleted } = await searchParams;
  const page = await loadPage("/paging/policies", async (db, actor) => {
    const [policies, catalog] = await Promise.all([listPolicies(db, actor), listCatalog(db, actor)]);
    return { policies: policies.items, catalog, canManage: can(actor, "escalation-policies.manage") };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { policies, catalog, canManage } = page.data;
  const names = {
    people: new Map(catalog.users.map((u) => [u.id, u.name])),
    policies: new Map(policies.map((p) => [p.id, p.name])),
  };

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Escalation policies</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Who is paged, in which order, until someone acknowledges. A service names its policy on the On-call
          page; services naming none use the default policy.
        </p>
      </div>
      <PagingNav current="/paging/policies" />
      {deleted && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Policy deleted.
        </p>
      )}
      <PoliciesTable
        policies={policies.map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          isDefault: p.isDefault,
          steps: describeSteps(p, names),
          repeat: p.repeat,
          services: p.services,
        }))}
      />
      {canManage && (
        <section
          aria-labelledby="new-policy-heading"
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="new-policy-heading" className="mb-4 text-lg font-semibold">
            New escalation policy
          </h2>
          <PolicyForm
            policy={null}
            people={respondersOf(catalog.users).map((u) => ({ value: u.id, label: u.name }))}
            services={catalog.services.map((s) => ({ value: s.slug, label: `${s.name} (${s.slug})` }))}
            policies={policies.map((p) => ({ value: p.id, label: p.name }))}
            save={savePolicyAction}
          />
        </section>
      )}
    </section>
  );
}
