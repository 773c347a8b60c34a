import Link from "next/link";
import { DeclareShortcut } from "@/components/declare/declare-shortcut";
import { type NavGroup, type NavLinkItem, navGroups } from "@/components/nav/nav-groups";
import { NavMenu } from "@/components/nav/nav-menu";
import { can } from "@/lib/permissions";

type Props = {
  /**
   * `waitingPages`: triggered pages the user was asked to answer (null: they may not see pages);
   * `settingsPages`: the settings pages they may open (the Settings menu).
   */
  user: {
    name: string;
    role: string;
    isAdmin: boolean;
    waitingPages: number | null;
    settingsPages: { href: string; label: string }[];
  } | null;
  signOut: () => Promise<void>;
};

const FOCUS = "focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400";
const BAR_ITEM = `inline-flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white [&::-webkit-details-marker]:hidden ${FOCUS}`;
const MENU_LINK = `flex items-center justify-between gap-3 whitespace-nowrap rounded px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:hover:text-white ${FOCUS}`;
const DROPDOWN =
  "absolute left-0 top-full z-40 mt-1 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900";

function Chevron() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 group-open:rotate-180">
      <path d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" />
    </svg>
  );
}

/** The waiting-pages count: on the Pages link, and on the closed On-call menu so it is not hidden. */
function Badge({ count, testId }: { count: number; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className="inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold leading-5 text-white"
    >
      {count}
      <span className="sr-only"> waiting for you</span>
    </span>
  );
}

function MenuLinks({ links, className }: { links: NavLinkItem[]; className?: string }) {
  return (
    <ul className={className}>
      {links.map((link) => (
        <li key={link.href}>
          <Link href={link.href} className={MENU_LINK}>
            {link.label}
            {!!link.badge && <Badge count={link.badge} testId="waiting-pages" />}
          </Link>
        </li>
      ))}
    </ul>
  );
}

const badgeOf = (group: NavGroup) => group.links.reduce((sum, link) => sum + (link.badge ?? 0), 0);

/** From 768 px: a menu per group (a plain link for a group of one), on one row even for an admin. */
function WideNav({ groups }: { groups: NavGroup[] }) {
  return (
    <ul className="hidden items-center gap-1 md:flex">
      {groups.map((group) => {
        // The brand link is the incident list; its menu holds the other incident pages.
        const links =
          group.label === "Incidents" ? group.links.filter((l) => l.href !== "/incidents") : group.links;
        if (links.length === 1 && group.label !== "Settings")
          return (
            <li key={group.label}>
              <Link href={links[0].href} className={BAR_ITEM}>
                {links[0].label}
              </Link>
            </li>
          );
        const badge = badgeOf(group);
        return (
          <li key={group.label}>
            <NavMenu
              name="main-nav"
              className="relative"
              summary={
                group.label === "Incidents" ? (
                  <Chevron />
                ) : (
                  <>
                    {group.label}
                    {badge > 0 && <Badge count={badge} />}
                    <Chevron />
                  </>
                )
              }
              summaryLabel={group.label === "Incidents" ? "More incident pages" : undefined}
              summaryClassName={group.label === "Incidents" ? `${BAR_ITEM} -ml-3 px-1` : BAR_ITEM}
              panelClassName={DROPDOWN}
            >
              <MenuLinks links={links} />
            </NavMenu>
          </li>
        );
      })}
    </ul>
  );
}

export function AppHeader({ user, signOut }: Props) {
  // Viewers cannot declare (the use case refuses them), so they are not offered the button or the shortcut.
  const canDeclare = !!user && can(user, "incidents.declare");
  const groups = user ? navGroups(user) : [];
  const waiting = user?.waitingPages ?? 0;
  const signOutButton = (
    <form action={signOut}>
      <button
        type="submit"
        className={`w-full whitespace-nowrap rounded px-2 py-1 text-left text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 ${FOCUS}`}
      >
        Sign out
      </button>
    </form>
  );
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav
        className="relative mx-auto flex max-w-7xl items-center gap-2 px-4 py-3 md:gap-4"
        aria-label="Main"
      >
        <Link
          href="/incidents"
          className={`shrink-0 whitespace-nowrap font-semibold tracking-tight ${FOCUS}`}
        >
          <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full bg-red-500" />
          Incidents
        </Link>
        {user && <WideNav groups={groups} />}
        {user && (
          <div className="ml-auto flex items-center gap-2 text-sm md:gap-3">
            {canDeclare && (
              <>
                <Link
                  href="/incidents/new"
                  aria-keyshortcuts="d"
                  title="Declare incident (shortcut: D)"
                  className="inline-flex items-center gap-2 whitespace-nowrap rounded-md bg-red-600 px-3 py-1.5 font-semibold text-white shadow-sm hover:bg-red-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-900"
                >
                  <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                    <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
                  </svg>
                  <span>
                    Declare<span className="sr-only lg:not-sr-only lg:whitespace-nowrap"> incident</span>
                  </span>
                  <kbd
                    aria-hidden
                    className="hidden rounded border border-red-400/60 bg-red-700/40 px-1 font-sans text-[11px] font-medium leading-4 lg:inline"
                  >
                    D
                  </kbd>
                </Link>
                <DeclareShortcut />
              </>
            )}
            {/* The user menu: beside the bar from 768 px, inside the Menu panel below. */}
            <Link
              href="/settings/account"
              title="Your account: change password"
              className={`hidden items-center gap-1 whitespace-nowrap rounded px-1 text-slate-600 hover:text-slate-900 md:inline-flex dark:text-slate-300 dark:hover:text-white ${FOCUS}`}
            >
              <span className="hidden max-w-40 truncate lg:inline">{user.name}</span>
              <span className="sr-only lg:hidden">Your account </span>
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                {user.role}
              </span>
            </Link>
            <div className="hidden md:block">{signOutButton}</div>
            <NavMenu
              className="md:hidden"
              testId="phone-menu"
              summary={
                <>
                  Menu
                  {waiting > 0 && <Badge count={waiting} />}
                  <Chevron />
                </>
              }
              summaryClassName={`${BAR_ITEM} border border-slate-300 dark:border-slate-700`}
              panelClassName="absolute inset-x-0 top-full z-40 max-h-[calc(100dvh-4rem)] overflow-y-auto border-b border-slate-200 bg-white px-4 pb-4 shadow-lg dark:border-slate-800 dark:bg-slate-900"
            >
              <div className="grid grid-cols-2 gap-x-4 gap-y-3 pt-2">
                {groups.map((group) => (
                  // The long Settings list (an admin's nine pages) takes the full width in two columns.
                  <section
                    key={group.label}
                    aria-label={group.label}
                    className={group.links.length > 4 ? "col-span-2" : undefined}
                  >
                    <p
                      aria-hidden
                      className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
                    >
                      {group.label}
                    </p>
                    <MenuLinks
                      links={group.links}
                      className={group.links.length > 4 ? "grid grid-cols-2 gap-x-4" : undefined}
                    />
                  </section>
                ))}
              </div>
              <div className="mt-3 flex items-center justify-between gap-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
                <Link href="/settings/account" className={MENU_LINK}>
                  <span className="truncate">{user.name}</span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {user.role}
                  </span>
                </Link>
                <div>{signOutButton}</div>
              </div>
            </NavMenu>
          </div>
        )}
      </nav>
    </header>
  );
}
