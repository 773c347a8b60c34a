import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings-nav";
import { hasRole } from "@/lib/actor";
import { optionalPageActor } from "@/lib/auth/page-actor";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await optionalPageActor();
  return (
    <>
      {actor && <SettingsNav isAdmin={hasRole(actor, "admin")} />}
      {children}
    </>
  );
}
