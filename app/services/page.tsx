import type { Metadata } from "next";
import Link from "next/link";
import type { ServicePagingView } from "@/lib/paging/schemas";
import { NotAllowed } from "@/components/not-allowed";
import { OverridesPanel } from "@/components/services/overrides-panel";
import { RotationForm } from "@/components/services/rotation-form";
import { ServicePagingForm } from "@/components/paging/service-paging-form";
import { getServicePaging } from "@/lib/paging/service-paging";
import { listPolicies } from "@/lib/paging/list-policies";
import { readPagingReadiness } from "@/lib/paging/paging-readiness";
import { RotationReadiness } from "@/components/paging/rotation-readiness";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { datetimeLocalFromUtc } from "@/lib/datetime-local";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listServices } from "@/lib/oncall/list-services";
import type { ServiceView } from "@/lib/oncall/views";
import {
  addOverrideAction,
  removeOverrideAction,
  setServicePagingAction,
  updateServiceAction,
} from "./actions";

export const metadata: Metadata = { title: "Services and on-call" };
export const dynamic = "force-dynamic";

// A new rotation starts at the next full hour unless the form says otherwise.
const nextHour = () => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000).toISOString();

function OnCallSummary({ service }: { service: ServiceView }) {
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      <div>
        <dt className="text-xs uppercase tracking-wide text-slate-500">On call now</dt>
        <dd data-testid="on-call-now" className="font-medium">
          {service.now.name ?? "Nobody"}
        </dd>
        {service.now.until && (
          <dd className="text-xs text-slate-500">until {formatUtc(service.now.until)}</dd>
        )}
      </div>
      <div>
        <dt className="text-xs uppercase tracking-wide text-slate-500">Next</dt>
        <dd data-testid="on-call-next" className="font-medium">
          {service.next ? (service.next.name ?? "Nobody") : "No hand-off ahead"}
        </dd>
        {service.next && <dd className="text-xs text-slate-500">from {formatUtc(service.next.at)}</dd>}
      </div>
    </dl>
  );
}

function PagingSummary({
  settings,
  policyName,
  canEdit,
  form,
}: {
  settings: ServicePagingView;
  policyName: Map<string, string>;
  canEdit: boolean;
  form: React.ReactNode;
}) {
  const effective = settings.effectivePolicyId ? policyName.get(settings.effectivePolicyId) : null;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="service-paging">
        {effective ? (
          <>
            Paged through{" "}
            <Link
              href={`/paging/policies/${encodeURIComponent(settings.effectivePolicyId!)}`}
              className="underline"
            >
              {effective}
            </Link>
            {settings.policyId ? "" : " (the default)"}; high urgency for{" "}
            {settings.highUrgencySeverities.join(", ") || "no severity"}
            {settings.lowUrgencyBusinessHoursOnly
              ? `; low urgency escalates ${settings.businessHoursStart}–${settings.businessHoursEnd} h ${settings.timeZone} only`
              : ""}
            .
          </>
        ) : (
          <>
            Not paged: no escalation policy applies (
            <Link href="/paging/policies" className="underline">
              escalation policies
            </Link>
            ).
          </>
        )}
      </p>
      {canEdit && (
        <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <summary className="cursor-pointer text-sm font-medium">Edit paging</summary>
          <div className="mt-3">{form}</div>
        </details>
      )}
    </div>
  );
}

export default async function ServicesPage() {
  const page = await loadPage("/services", async (db, actor) => {
    const [services, catalog, policies] = await Promise.all([
      listServices(db, actor),
      listCatalog(db, actor),
      listPolicies(db, actor),
    ]);
    const paging = await Promise.all(services.map((s) => getServicePaging(db, actor, s.slug)));
    const readiness = await readPagingReadiness(
      db,
      actor,
      services.flatMap((s) => s.members.map((m) => m.id)),
    );
    return {
      readiness,
      services,
      paging: new Map(paging.map((p) => [p.service, p])),
      policies: policies.items,
      people: respondersOf(catalog.users).map((u) => ({ id: u.id, name: u.name })),
      canEdit: can(actor, "oncall.manage"),
      canEditPaging: can(actor, "escalation-policies.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { services, paging, policies, people, canEdit, canEditPaging, readiness } = page.data;
  const policyName = new Map(policies.map((p) => [p.id, p.name]));
  const defaultPolicy = policies.find((p) => p.isDefault) ?? null;

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Services and on-call</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          An incident declared without a commander gets the person on call for its first affected service.
          Times are UTC.
        </p>
      </div>
      {services.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No services yet: a service appears here once an incident names it.
        </p>
      )}
      {services.map((service) => (
        <article
          key={service.slug}
          data-service={service.slug}
          aria-labelledby={`${service.slug}-heading`}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <header className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`${service.slug}-heading`} className="text-lg font-semibold">
              {service.name}{" "}
              <span className="font-mono text-xs font-normal text-slate-500">{service.slug}</span>
            </h2>
            <span className="text-sm text-slate-600 dark:text-slate-400">
              {service.ownerTeam ? `Owned by ${service.ownerTeam}` : "No owner team"}
            </span>
          </header>
          <OnCallSummary service={service} />
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {service.onCall
              ? `Rotation: ${service.members.map((m) => m.name).join(" → ")}, hand-off every ${service.onCall.handoffHours} h from ${formatUtc(service.onCall.startsAt)}.`
              : "No rotation."}
          </p>
          <RotationReadiness members={service.members} readiness={readiness} />
          {canEdit && (
            <details className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <summary className="cursor-pointer text-sm font-medium">Edit rotation</summary>
              <div className="mt-3">
                <RotationForm
                  slug={service.slug}
                  ownerTeam={service.ownerTeam}
                  memberIds={service.onCall?.userIds ?? []}
                  handoffHours={service.onCall?.handoffHours ?? 168}
                  startsAt={datetimeLocalFromUtc(
                    (service.onCall?.startsAt ?? new Date(nextHour())).toISOString(),
                  )}
                  people={people}
                  updateService={updateServiceAction}
                />
              </div>
            </details>
          )}
          <PagingSummary
            settings={paging.get(service.slug)!}
            policyName={policyName}
            canEdit={canEditPaging}
            form={
              <ServicePagingForm
                settings={paging.get(service.slug)!}
                policies={policies.map((p) => ({ value: p.id, label: p.name }))}
                defaultPolicyName={defaultPolicy?.name ?? null}
                save={setServicePagingAction}
              />
            }
          />
          <div>
            <h3 className="mb-2 text-sm font-semibold">Overrides</h3>
            <OverridesPanel
              slug={service.slug}
              overrides={service.overrides.map((o) => ({
                id: o.id,
                userName: o.userName,
                from: formatUtc(o.startsAt),
                to: formatUtc(o.endsAt),
                createdBy: o.createdBy,
              }))}
              people={people}
              canEdit={canEdit}
              addOverride={addOverrideAction}
              removeOverride={removeOverrideAction}
            />
          </div>
        </article>
      ))}
    </section>
  );
}
