import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { PostmortemSettingsForm } from "@/components/postmortem/postmortem-settings-form";
import { authorize } from "@/lib/permissions";
import { loadPage } from "@/lib/http/page-errors";
import { SEVERITIES, SEVERITY_TABLE } from "@/lib/incidents/severity";
import { getPostmortemSettings } from "@/lib/postmortems/postmortem-settings";
import { updatePostmortemSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Postmortem settings" };

export default async function PostmortemSettingsPage() {
  const page = await loadPage("/settings/postmortems", async (db, actor) => {
    authorize(actor, "settings.manage");
    return getPostmortemSettings(db, actor);
  });
  if (!page.allowed)
    return (
      <NotAllowed role={page.role} message={page.message}>
        Only admins choose which severities get a postmortem automatically.
      </NotAllowed>
    );
  const severities = SEVERITIES.map((level) => ({
    level,
    name: SEVERITY_TABLE[level].name,
    enabled: page.data.autoGenerate[level],
  }));
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Postmortems</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Incidents of other severities get one with the Create postmortem button on their postmortem page.
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <PostmortemSettingsForm severities={severities} update={updatePostmortemSettingsAction} />
      </div>
    </section>
  );
}
