import type { Metadata } from "next";
import Link from "next/link";
import { NotAllowed } from "@/components/not-allowed";
import { SettingsForm } from "@/components/status-page/admin/settings-form";
import { pageFieldSpecs } from "@/components/status-page/admin/field-specs";
import { formatUtc } from "@/lib/format";
import { loadPage } from "@/lib/http/page-errors";
import { can } from "@/lib/permissions";
import { listStatusPages } from "@/lib/status-pages/list-status-pages";
import { createStatusPageAction } from "./actions";

export const metadata: Metadata = { title: "Status pages" };

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function StatusPagesSettings() {
  const page = await loadPage("/settings/status-pages", async (db, actor) => ({
    pages: await listStatusPages(db, actor),
    canManage: can(actor, "status-pages.manage"),
  }));
  if (!page.allowed) return <NotAllowed role={page.role} message={page.message} />;
  const { pages, canManage } = page.data;
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Status pages</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          What customers see at /status/&lt;slug&gt;: components mapped to your services, public incidents
          written for customers, and the people subscribed to updates. Internal titles, timelines and people
          never appear there unless someone publishes them.
        </p>
      </div>
      <div className={`${card} overflow-x-auto`}>
        {pages.length === 0 ? (
          <p className="text-sm text-slate-500">No status page yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Page</th>
                <th className="py-1 pr-4 font-medium">Public address</th>
                <th className="py-1 pr-4 font-medium">Visibility</th>
                <th className="py-1 font-medium">Changed</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((statusPage) => (
                <tr key={statusPage.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="py-2 pr-4">
                    <Link href={`/settings/status-pages/${statusPage.id}`} className="font-medium underline">
                      {statusPage.name}
                    </Link>
                    {statusPage.isDefault && (
                      <span className="ml-2 text-xs text-slate-500">default (/status)</span>
                    )}
                  </td>
                  <td className="py-2 pr-4">
                    <a href={`/status/${statusPage.slug}`} className="underline">
                      /status/{statusPage.slug}
                    </a>
                  </td>
                  <td className="py-2 pr-4">{statusPage.visibility}</td>
                  <td className="py-2">{formatUtc(statusPage.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {canManage && (
        <div className={card}>
          <h2 className="mb-3 text-sm font-semibold">New status page</h2>
          <SettingsForm
            id="new-status-page"
            action={createStatusPageAction}
            fields={pageFieldSpecs({ isDefault: pages.length === 0 })}
            submit="Create status page"
          />
        </div>
      )}
    </section>
  );
}
