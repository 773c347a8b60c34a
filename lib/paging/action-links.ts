import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { pageActionLinks } from "@/db/paging-schema";
import { alertUrl, appUrl, incidentUrl } from "@/lib/webhooks/app-url";
import type { PageRow } from "./page-log";

export const LINK_LIFETIME_MS = 24 * 60 * 60_000;
export type PageLinkAction = "acknowledge" | "resolve";

/** The links a notification carries: act without signing in (confirmation first), or open the page. */
export type NotificationLinks = { acknowledge: string; resolve: string | null; open: string | null };

export const hashLinkToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues fresh single-use links for one person and page, valid 24 h. Only the token's hash is
 * stored: the link in the mail is the credential, bound to that page, that person and that action.
 * Resolve is offered for alert pages only (an incident is resolved on its own page, with a summary).
 */
export async function issueNotificationLinks(
  tx: Db,
  page: LinkedPage,
  userId: string,
  now: Date,
): Promise<NotificationLinks> {
  const [links] = await issueNotificationLinksFor(tx, [{ page, userId }], now);
  return links;
}

type LinkedPage = Pick<PageRow, "id" | "incidentId" | "alertId">;

/** issueNotificationLinks for many (page, person) pairs in one statement, in the order given. */
export async function issueNotificationLinksFor(
  tx: Db,
  requests: { page: LinkedPage; userId: string }[],
  now: Date,
): Promise<NotificationLinks[]> {
  const issued = requests.map(({ page, userId }) => {
    const actions: PageLinkAction[] = page.incidentId ? ["acknowledge"] : ["acknowledge", "resolve"];
    return { page, userId, actions, tokens: actions.map(() => randomBytes(32).toString("base64url")) };
  });
  const rows = issued.flatMap(({ page, userId, actions, tokens }) =>
    actions.map((action, i) => ({
      tokenHash: hashLinkToken(tokens[i]),
      pageId: page.id,
      userId,
      action,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS),
      createdAt: now,
    })),
  );
  if (rows.length) await tx.insert(pageActionLinks).values(rows);
  const link = (token: string | undefined) => (token ? `${appUrl()}/pages/act/${token}` : null);
  return issued.map(({ page, tokens }) => ({
    acknowledge: link(tokens[0])!,
    resolve: link(tokens[1]),
    open: page.incidentId ? incidentUrl(page.incidentId) : page.alertId ? alertUrl(page.alertId) : null,
  }));
}
