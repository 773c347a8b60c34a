import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { visibleSettingsPages } from "@/components/settings/settings-pages";
import { actorLabel, actorUserId } from "@/lib/actor";
import { loadPage } from "@/lib/http/page-errors";
import { countWaitingPages } from "@/lib/paging/count-waiting-pages";
import { can } from "@/lib/permissions";
import { optionalPageActor } from "@/lib/auth/page-actor";
import { signOutAction } from "./login/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Incidents", template: "%s · Incidents" },
  description: "Declare, investigate and resolve incidents.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await optionalPageActor();
  const userId = actor ? actorUserId(actor) : null;
  // The header's badge: one indexed count per render, for whoever may see pages.
  const waiting =
    actor && can(actor, "paging.read")
      ? userId
        ? await loadPage("/incidents", (db) => countWaitingPages(db, userId))
        : { allowed: true as const, data: 0 }
      : null;
  const user = actor
    ? {
        name: actorLabel(actor),
        role: actor.role,
        isAdmin: can(actor, "users.manage"),
        waitingPages: waiting?.allowed ? waiting.data : null,
        // The same rule as the settings tabs (app/settings/layout.tsx), so the menu offers what they do.
        settingsPages: visibleSettingsPages({
          isAdmin: can(actor, "users.manage"),
          canReadAudit: can(actor, "audit.read"),
          canBePaged: can(actor, "contact-methods.manage"),
          canManageStatusPages: can(actor, "status-pages.manage"),
        }),
      }
    : null;
  return (
    <html lang="en">
      {/* Native controls (radios, selects, date pickers) follow color-scheme; set it with the same `dark:`
          variant as the palette so controls and cards always agree. */}
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased scheme-light dark:bg-slate-950 dark:text-slate-100 dark:scheme-dark">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow focus:outline-none focus:ring-2 focus:ring-slate-500 dark:focus:bg-slate-900"
        >
          Skip to content
        </a>
        <AppHeader user={user} signOut={signOutAction} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
