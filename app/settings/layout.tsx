import { SettingsNav } from "@/components/settings/settings-nav";
import { hasRole } from "@/lib/actor";
import { optionalPageActor } from "@/lib/auth/page-actor";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  // Each page still checks access itself (loadPage); this only decides which tabs to offer.
  const actor = await optionalPageActor();
  return (
    <>
      {actor && <SettingsNav isAdmin={hasRole(actor, "admin")} />}
      {children}
    </>
  );
}
