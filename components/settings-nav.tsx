"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/settings/account", label: "Account", admin: false },
  { href: "/settings/users", label: "Users", admin: true },
  { href: "/settings/tokens", label: "API tokens", admin: true },
  { href: "/settings/webhooks", label: "Webhooks", admin: true },
  { href: "/settings/postmortems", label: "Postmortems", admin: true },
];

/** The settings pages' own navigation (admins see the admin-only pages). */
export function SettingsNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 pb-2 dark:border-slate-800">
      {LINKS.filter((link) => isAdmin || !link.admin).map((link) => {
        const current = pathname === link.href;
        return (
          <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${current ? "bg-slate-900 font-medium text-white dark:bg-slate-100 dark:text-slate-900" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"}`}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
