import type { Metadata } from "next";
import { NotAllowed } from "@/components/not-allowed";
import { PostmortemSettingsForm } from "@/components/postmortem/postmortem-settings-form";
import { SettingsFormPage } from "@/components/settings/settings-page";
import { authorize } from "@/lib/permissions";
import { loadPage } from "@/lib/http/page-errors";
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
  return (
    <SettingsFormPage
      title="Postmortems"
      description="Incidents of other severities get one with the Create postmortem button on their postmortem page."
    >
      <PostmortemSettingsForm autoGenerate={page.data.autoGenerate} update={updatePostmortemSettingsAction} />
    </SettingsFormPage>
  );
}
