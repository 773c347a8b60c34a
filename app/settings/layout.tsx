import { SettingsNav } from "@/components/settings/settings-nav";
import { can } from "@/lib/permissions";
import { optionalPageActor } from "@/lib/auth/page-actor";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // Each page still checks access itself (loadPage); this only decides which tabs to offer.
  const actor = await optionalPageActor();
  return (
    <>
      {actor && (
        <SettingsNav
          isAdmin={can(actor, "users.manage")}
          canReadAudit={can(actor, "audit.read")}
          canBePaged={can(actor, "contact-methods.manage")}
          canManageStatusPages={can(actor, "status-pages.manage")}
        />
      )}
      {children}
    </>
  );
}
