import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db/client";
import { users } from "@/db/core-schema";
import { pageActionLinks, pages } from "@/db/paging-schema";
import type { Actor, Role } from "@/lib/actor";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { hashLinkToken, type PageLinkAction } from "./action-links";
import { acknowledgeInTransaction, lockPage, resolveInTransaction } from "./change-page";
import { type PageView, toPageView } from "./page-view";

type LinkRow = typeof pageActionLinks.$inferSelect;

export type LinkPreview =
  | { valid: true; action: PageLinkAction; page: PageView; userName: string }
  | { valid: false; reason: string };

const forbidden = (reason: string) => new DomainError("forbidden", reason);

/** Why a link cannot be used (at `now`), or null when it can. */
function refusal(link: LinkRow | undefined, user: { disabledAt: Date | null } | undefined, now: Date) {
  if (!link) return "This link is not valid: it was never issued, or it was altered.";
  if (link.usedAt) return "This link was already used; each link works once.";
  if (link.expiresAt <= now) return "This link has expired (links work for 24 hours).";
  if (!user || user.disabledAt) return "The account this link was sent to is disabled.";
  return null;
}

async function readLink(tx: Db, token: string, lock: boolean) {
  if (token.length < 20 || token.length > 100) return { link: undefined, user: undefined };
  const query = tx
    .select()
    .from(pageActionLinks)
    .where(eq(pageActionLinks.tokenHash, hashLinkToken(token)));
  const [link] = lock ? await query.for("update") : await query;
  const [user] = link ? await tx.select().from(users).where(eq(users.id, link.userId)) : [];
  return { link, user };
}

/**
 * What the confirmation page shows for a link; reading it changes nothing (mail scanners open links,
 * so acting waits for the person's POST).
 */
export async function previewPageLink(db: Db, token: string, now = new Date()): Promise<LinkPreview> {
  const { link, user } = await readLink(db, token, false);
  const reason = refusal(link, user, now);
  if (reason || !link || !user) return { valid: false, reason: reason ?? "This link is not valid." };
  const [page] = await db.select().from(pages).where(eq(pages.id, link.pageId));
  return { valid: true, action: link.action as PageLinkAction, page: toPageView(page), userName: user.name };
}

/**
 * Acts on a link without a session: the link is the credential, bound to one page, one person and one
 * action, used once, for 24 hours. The person acts as themselves (their role must still allow it). A
 * forged, used or expired link is a 403 and changes nothing; a page already answered is a 422 and
 * leaves the link unused.
 */
export async function actOnPageLink(db: Db, token: string, now = new Date()): Promise<PageView> {
  return runTransaction(db, async (tx) => {
    const { link, user } = await readLink(tx, token, true);
    const reason = refusal(link, user, now);
    if (reason || !link || !user) throw forbidden(reason ?? "This link is not valid.");
    const actor: Actor = { type: "user", userId: user.id, name: user.name, role: user.role as Role };
    authorize(actor, "paging.respond");
    const page = await lockPage(tx, link.pageId);
    if (link.action === "resolve" && page.state === "resolved")
      throw new DomainError("invalid_transition", `Page ${page.id} is already resolved.`);
    const changed =
      link.action === "acknowledge"
        ? await acknowledgeInTransaction(tx, actor, page, now)
        : await resolveInTransaction(tx, actor, page, now, `by ${user.name}`);
    await tx
      .update(pageActionLinks)
      .set({ usedAt: now })
      .where(eq(pageActionLinks.tokenHash, link.tokenHash));
    return toPageView(changed);
  });
}

/** For the public confirmation page, which has no session and so no actor to load a page with. */
export async function previewPageLinkRequest(token: string): Promise<LinkPreview> {
  return previewPageLink(await getDb(), token);
}

export async function actOnPageLinkRequest(token: string): Promise<PageView> {
  return actOnPageLink(await getDb(), token);
}
