import Link from "next/link";
import { DeclareShortcut } from "@/components/declare/declare-shortcut";
import { can } from "@/lib/permissions";

type Props = {
  /** `waitingPages`: triggered pages the user was asked to answer (null: they may not see pages). */
  user: { name: string; role: string; isAdmin: boolean; waitingPages: number | null } | null;
  signOut: () => Promise<void>;
};

export function AppHeader({ user, signOut }: Props) {
  // Viewers cannot declare (the use case refuses them), so they are not offered the button or the shortcut.
  const canDeclare = !!user && can(user, "incidents.declare");
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3"
        aria-label="Main"
      >
        <Link
          href="/incidents"
          className="font-semibold tracking-tight focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full bg-red-500" />
          Incidents
        </Link>
        {user && (
          <Link
            href="/incidents/metrics"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Metrics
          </Link>
        )}
        {user && (
          <Link
            href="/alerts"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Alerts
          </Link>
        )}
        {user && user.waitingPages !== null && (
          <Link
            href="/pages"
            className="inline-flex items-center gap-1.5 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Pages
            {user.waitingPages > 0 && (
              <span
                data-testid="waiting-pages"
                className="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold leading-5 text-white"
              >
                {user.waitingPages}
                <span className="sr-only"> waiting for you</span>
              </span>
            )}
          </Link>
        )}
        {user && (
          <Link
            href="/workflows"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Workflows
          </Link>
        )}
        {user && (
          <Link
            href="/services"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            On-call
          </Link>
        )}
        {user && (
          // Signals: what the systems report, next to what people declare.
          <span
            className="flex items-center gap-3 border-l border-slate-200 pl-4 text-sm dark:border-slate-700"
            role="group"
            aria-label="Signals"
          >
            <Link
              href="/errors"
              className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            >
              Errors
            </Link>
            <Link
              href="/releases"
              className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            >
              Releases
            </Link>
          </span>
        )}
        {user && (
          <Link
            href="/action-items"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Action items
          </Link>
        )}
        {user?.isAdmin && (
          // Users, API tokens, postmortem template, …: one link, the settings pages share a sub-navigation.
          <Link
            href="/settings/users"
            className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
          >
            Settings
          </Link>
        )}
        {user && (
          <div className="ml-auto flex items-center gap-3 text-sm">
            {canDeclare && (
              <>
                <Link
                  href="/incidents/new"
                  aria-keyshortcuts="d"
                  title="Declare incident (shortcut: D)"
                  className="inline-flex items-center gap-2 rounded-md bg-red-600 px-3 py-1.5 font-semibold text-white shadow-sm hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-900"
                >
                  <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                    <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
                  </svg>
                  Declare incident
                  <kbd
                    aria-hidden
                    className="hidden rounded border border-red-400/60 bg-red-700/40 px-1 font-sans text-[11px] font-medium leading-4 sm:inline"
                  >
                    D
                  </kbd>
                </Link>
                <DeclareShortcut />
              </>
            )}
            <Link
              href="/settings/account"
              title="Your account: change password"
              className="rounded px-1 text-slate-600 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:text-slate-300 dark:hover:text-white"
            >
              <span className="hidden sm:inline">{user.name} </span>
              <span className="sr-only sm:hidden">Your account </span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                {user.role}
              </span>
            </Link>
            <form action={signOut}>
              <button
                type="submit"
                className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 dark:text-slate-300 dark:hover:bg-slate-800"
              >
                Sign out
              </button>
            </form>
          </div>
        )}
      </nav>
    </header>
  );
}
