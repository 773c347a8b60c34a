export type NavLinkItem = {
  href: string;
  label: string;
  /** Triggered pages waiting for this user (the Pages link). */
  badge?: number;
};
export type NavGroup = { label: string; links: NavLinkItem[] };

export type NavUser = {
  waitingPages: number | null;
  settingsPages: { href: string; label: string }[];
};

/**
 * The header's navigation as groups, one source for the wide bar (a menu per group, a plain link for a
 * group of one) and the phone's Menu panel. The groups follow what a responder looks at: what people
 * declare, what the systems report, who is on call, automation, settings.
 */
export function navGroups(user: NavUser): NavGroup[] {
  const onCall: NavLinkItem[] = [{ href: "/services", label: "Services and on-call" }];
  if (user.waitingPages !== null) onCall.push({ href: "/pages", label: "Pages", badge: user.waitingPages });
  const groups: NavGroup[] = [
    {
      label: "Incidents",
      links: [
        { href: "/incidents", label: "All incidents" },
        { href: "/incidents/metrics", label: "Metrics" },
        { href: "/action-items", label: "Action items" },
      ],
    },
    {
      label: "Signals",
      links: [
        { href: "/alerts", label: "Alerts" },
        { href: "/errors", label: "Errors" },
        { href: "/releases", label: "Releases" },
      ],
    },
    { label: "On-call", links: onCall },
    { label: "Workflows", links: [{ href: "/workflows", label: "Workflows" }] },
  ];
  if (user.settingsPages.length > 0) groups.push({ label: "Settings", links: user.settingsPages });
  return groups;
}
