import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { actorLabel } from "@/lib/actor";
import { optionalPageActor } from "@/lib/auth/page-actor";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Incidents", template: "%s · Incidents" },
  description: "Declare, investigate and resolve incidents.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await optionalPageActor();
  const user = actor ? { name: actorLabel(actor), role: actor.role, isAdmin: actor.role === "admin" } : null;
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <AppHeader user={user} />
        <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
