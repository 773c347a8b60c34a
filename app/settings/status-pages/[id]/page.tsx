import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { componentFieldSpecs, pageFieldSpecs } from "@/components/status-page/admin/field-specs";
import { MaintenanceSection } from "@/components/status-page/admin/maintenance-section";
import { SettingsForm } from "@/components/status-page/admin/settings-form";
import { HookSubscribers } from "@/components/status-page/admin/hook-subscribers";
import { SubscribersTable } from "@/components/status-page/admin/subscribers-table";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { can } from "@/lib/permissions";
import { getPublicIncident } from "@/lib/status-pages/get-public-incident";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { listMaintenances } from "@/lib/status-pages/list-maintenances";
import { listPublicIncidents } from "@/lib/status-pages/list-public-incidents";
import { listHookSubscribers } from "@/lib/status-pages/list-hook-subscribers";
import { listSubscribers } from "@/lib/status-pages/list-subscribers";
import {
  cancelMaintenanceAction,
  completeMaintenanceAction,
  createComponentAction,
  createGroupAction,
  deleteComponentAction,
  deleteGroupAction,
  scheduleMaintenanceAction,
  updateComponentAction,
  updateGroupAction,
  updateStatusPageAction,
} from "../actions";
import { createHookSubscriberAction, deleteHookSubscriberAction } from "../hook-actions";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Status page settings" };

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function StatusPageSettings({ params }: Props) {
  const { id } = await params;
  const page = await loadPage(`/settings/status-pages/${id}`, async (db, actor) => {
    const [statusPage, catalog, incidents, maintenances] = await Promise.all([
      getStatusPage(db, actor, id),
      listCatalog(db, actor),
      listPublicIncidents(db, actor, id),
      listMaintenances(db, actor, id),
    ]);
    const canManage = can(actor, "status-pages.manage");
    // Delivery figures of the latest public incidents: what reached subscribers, per update.
    const recent = await Promise.all(
      incidents.slice(0, 10).map((pi) => getPublicIncident(db, actor, id, pi.id)),
    );
    return {
      statusPage,
      services: catalog.services.map((service) => service.slug),
      recent,
      maintenances,
      canManage,
      subscribers: canManage ? await listSubscribers(db, actor, id) : null,
      hooks: canManage ? await listHookSubscribers(db, actor, id) : null,
    };
  });
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { statusPage, services, recent, maintenances, canManage, subscribers, hooks } = page.data;
  const onPage = { pageId: statusPage.id };
  return (
    <section className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/settings/status-pages" className="underline">
            Status pages
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{statusPage.name}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          <a href={`/status/${statusPage.slug}`} className="underline">
            /status/{statusPage.slug}
          </a>{" "}
          · now: {statusPage.headline}
        </p>
      </div>

      {canManage && (
        <div className={card}>
          <h2 className="mb-3 text-sm font-semibold">Page</h2>
          <SettingsForm
            id="page"
            action={updateStatusPageAction}
            hidden={onPage}
            fields={pageFieldSpecs(statusPage)}
            submit="Save page"
          />
        </div>
      )}

      <div className={`${card} space-y-4`}>
        <h2 className="text-sm font-semibold">Groups</h2>
        {statusPage.groups.length === 0 && (
          <p className="text-sm text-slate-500">No groups: components are listed alone.</p>
        )}
        {canManage &&
          statusPage.groups.map((group) => (
            <SettingsForm
              key={group.id}
              id={`group-${group.id}`}
              action={updateGroupAction}
              hidden={{ ...onPage, groupId: group.id }}
              fields={[{ kind: "text", name: "name", label: "Group name", value: group.name }]}
              submit="Rename"
              remove={{ action: deleteGroupAction, label: "Remove group" }}
              columns=""
            />
          ))}
        {canManage && (
          <SettingsForm
            id="new-group"
            action={createGroupAction}
            hidden={onPage}
            fields={[
              { kind: "text", name: "name", label: "New group", hint: "e.g. API, Dashboard, Payments." },
            ]}
            submit="Add group"
            columns=""
          />
        )}
      </div>

      <div className={`${card} space-y-4`}>
        <h2 className="text-sm font-semibold">Components</h2>
        {statusPage.components.length === 0 && <p className="text-sm text-slate-500">No components yet.</p>}
        {statusPage.components.map((component) =>
          canManage ? (
            <div
              key={component.id}
              className="border-t border-slate-100 pt-4 first:border-0 dark:border-slate-800"
            >
              <SettingsForm
                id={`component-${component.id}`}
                action={updateComponentAction}
                hidden={{ ...onPage, componentId: component.id }}
                fields={componentFieldSpecs(statusPage.groups, services, component)}
                submit="Save component"
                remove={{ action: deleteComponentAction, label: "Remove component" }}
              />
            </div>
          ) : (
            <p key={component.id} className="text-sm">
              {component.name}: {component.status} ({component.services.join(", ") || "no services"})
            </p>
          ),
        )}
        {canManage && (
          <div className="border-t border-slate-200 pt-4 dark:border-slate-800">
            <h3 className="mb-2 text-sm font-medium">New component</h3>
            <SettingsForm
              id="new-component"
              action={createComponentAction}
              hidden={onPage}
              fields={componentFieldSpecs(statusPage.groups, services)}
              submit="Add component"
            />
          </div>
        )}
      </div>

      <MaintenanceSection
        pageId={statusPage.id}
        timeZone={statusPage.timeZone}
        components={statusPage.components}
        maintenances={maintenances}
        canManage={canManage}
        actions={{
          schedule: scheduleMaintenanceAction,
          cancel: cancelMaintenanceAction,
          complete: completeMaintenanceAction,
        }}
      />

      <div className={`${card} overflow-x-auto`}>
        <h2 className="mb-3 text-sm font-semibold">Public incidents and their mail</h2>
        {recent.length === 0 ? (
          <p className="text-sm text-slate-500">
            Nothing published yet. Publish from an incident&apos;s page.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Public incident</th>
                <th className="py-1 pr-4 font-medium">Phase</th>
                <th className="py-1 pr-4 font-medium">Updates</th>
                <th className="py-1 font-medium">Mail sent / failed / pending</th>
                <th className="py-1 pl-4 font-medium">Webhook and chat</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((incident) => {
                const total = incident.updates.reduce(
                  (sum, update) => ({
                    sent: sum.sent + update.delivery.sent,
                    failed: sum.failed + update.delivery.failed,
                    pending: sum.pending + update.delivery.pending,
                  }),
                  { sent: 0, failed: 0, pending: 0 },
                );
                const hookTotal = incident.updates.reduce(
                  (sum, update) => ({
                    sent: sum.sent + update.hookDelivery.sent,
                    failed: sum.failed + update.hookDelivery.failed,
                    pending: sum.pending + update.hookDelivery.pending,
                  }),
                  { sent: 0, failed: 0, pending: 0 },
                );
                return (
                  <tr
                    key={incident.id}
                    className="border-t border-slate-100 dark:border-slate-800"
                    data-testid="public-incident-row"
                  >
                    <td className="py-2 pr-4">
                      {incident.title}
                      {incident.incidentId && (
                        <Link href={`/incidents/${incident.incidentId}`} className="ml-2 text-xs underline">
                          {incident.incidentId}
                        </Link>
                      )}
                    </td>
                    <td className="py-2 pr-4">{incident.phase}</td>
                    <td className="py-2 pr-4">
                      {incident.updates.length}, latest{" "}
                      {formatUtc(incident.updates[0]?.createdAt ?? incident.createdAt)}
                    </td>
                    <td className="py-2 tabular-nums">
                      {total.sent} /{" "}
                      <span className={total.failed ? "text-red-700 dark:text-red-300" : ""}>
                        {total.failed}
                      </span>{" "}
                      / {total.pending}
                    </td>
                    <td className="py-2 pl-4 tabular-nums">
                      {hookTotal.sent} /{" "}
                      <span className={hookTotal.failed ? "text-red-700 dark:text-red-300" : ""}>
                        {hookTotal.failed}
                      </span>{" "}
                      / {hookTotal.pending}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>

      {subscribers && <SubscribersTable pageId={statusPage.id} {...subscribers} />}
      {hooks && (
        <HookSubscribers
          pageId={statusPage.id}
          subscribers={hooks}
          components={statusPage.components.map((c) => ({ id: c.id, name: c.name }))}
          create={createHookSubscriberAction}
          remove={deleteHookSubscriberAction}
        />
      )}
    </section>
  );
}
