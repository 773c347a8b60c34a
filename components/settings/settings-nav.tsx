"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type SettingsAccess, visibleSettingsPages } from "@/components/settings/settings-pages";

export function SettingsNav(access: SettingsAccess) {
  const pathname = usePathname();
  const items = visibleSettingsPages(access);
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
