import Link from "next/link";

const ITEMS = [
  { href: "/pages", label: "Pages" },
  { href: "/paging/policies", label: "Escalation policies" },
] as const;

/** The two paging screens, side by side: what is paging now and how people are paged. */
export function PagingNav({ current }: { current: (typeof ITEMS)[number]["href"] }) {
  return (
    <nav
      aria-label="Paging"
      className="-mx-4 overflow-x-auto border-b border-slate-200 px-4 dark:border-slate-800"
    >
      <ul className="flex gap-1 text-sm">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.href === current ? "page" : undefined}
              className={`-mb-px inline-block whitespace-nowrap border-b-2 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${
                item.href === current
                  ? "border-slate-900 font-medium text-slate-900 dark:border-slate-100 dark:text-white"
                  : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
