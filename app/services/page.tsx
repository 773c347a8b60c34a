import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { OverridesPanel } from "@/components/services/overrides-panel";
import { RotationForm } from "@/components/services/rotation-form";
import { can } from "@/lib/permissions";
import { respondersOf } from "@/lib/users/responders";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { datetimeLocalFromUtc } from "@/lib/datetime-local";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { listServices } from "@/lib/oncall/list-services";
import type { ServiceView } from "@/lib/oncall/views";
import { addOverrideAction, removeOverrideAction, updateServiceAction } from "./actions";

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

export default async function ServicesPage() {
  const page = await loadPage("/services", async (db, actor) => {
    const [services, catalog] = await Promise.all([listServices(db, actor), listCatalog(db, actor)]);
    return {
      services,
      people: respondersOf(catalog.users).map((u) => ({ id: u.id, name: u.name })),
      canEdit: can(actor, "oncall.manage"),
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { services, people, canEdit } = page.data;

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
