import Link from "next/link";
import { signOutAction } from "@/app/login/actions";

type Props = { user: { name: string; role: string; isAdmin: boolean } | null };

export function AppHeader({ user }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" aria-label="Main">
        <Link href="/incidents" className="font-semibold tracking-tight focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400">
          <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full bg-red-500" />
          Incidents
        </Link>
        {user?.isAdmin && (
          <Link href="/settings/tokens" className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
            API tokens
          </Link>
        )}
        {user && (
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600 dark:text-slate-300">
              {user.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">{user.role}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:text-slate-300 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          </div>
        )}
      </nav>
    </header>
  );
}
