"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * `audit`: shown to whoever may read the audit log (`audit.read`), not by adminOnly; `paging`: to
 * whoever can be paged (`contact-methods.manage`).
 */
type Item = { href: string; label: string; adminOnly: boolean; audit?: true; paging?: true };

/** Every settings page, in one place: a feature adds its page here (the header links only to Settings). */
export const SETTINGS_PAGES: Item[] = [
  { href: "/settings/account", label: "Your account", adminOnly: false },
  { href: "/settings/paging", label: "Paging", adminOnly: false, paging: true },
  { href: "/settings/users", label: "Users", adminOnly: true },
  { href: "/settings/tokens", label: "API tokens", adminOnly: true },
  { href: "/settings/webhooks", label: "Webhooks", adminOnly: true },
  { href: "/settings/status-pages", label: "Status pages", adminOnly: false },
  { href: "/settings/postmortems", label: "Postmortems", adminOnly: true },
  { href: "/settings/reminders", label: "Reminders", adminOnly: true },
  { href: "/settings/mail", label: "Mail", adminOnly: true },
  { href: "/settings/audit", label: "Audit log", adminOnly: true, audit: true },
];

export function SettingsNav({
  isAdmin,
  canReadAudit,
  canBePaged,
}: {
  isAdmin: boolean;
  canReadAudit: boolean;
  canBePaged: boolean;
}) {
  const pathname = usePathname();
  const items = SETTINGS_PAGES.filter((item) =>
    item.audit ? canReadAudit : item.paging ? canBePaged : isAdmin || !item.adminOnly,
  );
  if (items.length < 2) return null;
  return (
    <nav
      aria-label="Settings"
      className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4 dark:border-slate-800"
    >
      <ul className="flex gap-1 text-sm">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px inline-block whitespace-nowrap border-b-2 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${
                  current
                    ? "border-slate-900 font-medium text-slate-900 dark:border-slate-100 dark:text-white"
                    : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
