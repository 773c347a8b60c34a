/**
 * `audit`: shown to whoever may read the audit log (`audit.read`), not by adminOnly; `paging`: to
 * whoever can be paged (`contact-methods.manage`); `statusPages`: to whoever may change status pages
 * (`status-pages.manage`), since the page's forms are all it offers.
 */
type Item = {
  href: string;
  label: string;
  adminOnly: boolean;
  audit?: true;
  paging?: true;
  statusPages?: true;
};

/**
 * Every settings page, in one place: a feature adds its page here, and both the settings tabs and the
 * header's Settings menu list it. Not in the client module of the tabs: a server component importing a
 * value from a "use client" file gets a reference, not the array.
 */
export const SETTINGS_PAGES: Item[] = [
  { href: "/settings/account", label: "Your account", adminOnly: false },
  { href: "/settings/paging", label: "Paging", adminOnly: false, paging: true },
  { href: "/settings/users", label: "Users", adminOnly: true },
  { href: "/settings/tokens", label: "API tokens", adminOnly: true },
  { href: "/settings/webhooks", label: "Webhooks", adminOnly: true },
  { href: "/settings/status-pages", label: "Status pages", adminOnly: false, statusPages: true },
  { href: "/settings/postmortems", label: "Postmortems", adminOnly: true },
  { href: "/settings/reminders", label: "Reminders", adminOnly: true },
  { href: "/settings/mail", label: "Mail", adminOnly: true },
  { href: "/settings/audit", label: "Audit log", adminOnly: true, audit: true },
];

export type SettingsAccess = {
  isAdmin: boolean;
  canReadAudit: boolean;
  canBePaged: boolean;
  canManageStatusPages: boolean;
};

/** The settings pages one user may open, in the order of SETTINGS_PAGES. */
export function visibleSettingsPages(access: SettingsAccess) {
  return SETTINGS_PAGES.filter((item) => {
    if (item.audit) return access.canReadAudit;
    if (item.paging) return access.canBePaged;
    if (item.statusPages) return access.canManageStatusPages;
    return access.isAdmin || !item.adminOnly;
  }).map(({ href, label }) => ({ href, label }));
}
