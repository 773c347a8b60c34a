import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { type AlertCardDetail, alertCardsByIds } from "@/lib/alerts/alert-cards";
import { errorGroupCardsByIds } from "@/lib/error-groups/error-group-cards";
import type { ErrorGroupListItem } from "@/lib/error-groups/schemas";
import { releaseCardsByIds } from "@/lib/releases/release-cards";
import type { ReleaseView } from "@/lib/releases/schemas";
import { authorize } from "@/lib/permissions";
import type { LinkType } from "./schemas";
import type { LinkView } from "./views";

export type { AlertCardDetail };

/** What the product knows of a linked item; `null` detail means "not known here". */
export type LinkCard =
  | { link: LinkView; type: "error_group"; detail: ErrorGroupListItem | null }
  | { link: LinkView; type: "release"; detail: ReleaseView | null }
  | { link: LinkView; type: "alert"; detail: AlertCardDetail | null }
  | { link: LinkView; type: "trace"; detail: { url: string | null } };

type Resolver<T> = (db: Db, targetIds: string[], now: Date) => Promise<Map<string, T>>;

/** The one registry: how each link type finds what is known of its targets. */
export const cardResolvers: {
  [K in Exclude<LinkType, "trace">]: Resolver<NonNullable<Extract<LinkCard, { type: K }>["detail"]>>;
} = {
  error_group: errorGroupCardsByIds,
  release: (db, ids) => releaseCardsByIds(db, ids),
  alert: (db, ids) => alertCardsByIds(db, ids),
};

/**
 * A trace is never stored here; it opens in the tracing tool through TRACE_URL_TEMPLATE, whose `{id}`
 * is replaced by the URL-encoded trace ID. Only http(s) templates are used.
 */
export function traceUrl(id: string, template = process.env.TRACE_URL_TEMPLATE): string | null {
  if (!template || !/^https?:\/\//i.test(template) || !template.includes("{id}")) return null;
  return template.replaceAll("{id}", encodeURIComponent(id));
}

/** Each of the incident's links with what the product knows of its target, in link order. */
export async function getLinkCards(
  db: Db,
  actor: Actor,
  links: LinkView[],
  options: { now?: Date } = {},
): Promise<LinkCard[]> {
  authorize(actor, "incidents.read");
  const now = options.now ?? new Date();
  const idsOf = (type: string) => links.filter((l) => l.type === type).map((l) => l.targetId);
  const [groups, releaseMap, alerts] = await Promise.all([
    idsOf("error_group").length ? cardResolvers.error_group(db, idsOf("error_group"), now) : new Map(),
    idsOf("release").length ? cardResolvers.release(db, idsOf("release"), now) : new Map(),
    idsOf("alert").length ? cardResolvers.alert(db, idsOf("alert"), now) : new Map(),
  ]);
  return links.map((link): LinkCard => {
    if (link.type === "error_group")
      return { link, type: "error_group", detail: groups.get(link.targetId) ?? null };
    if (link.type === "release")
      return { link, type: "release", detail: releaseMap.get(link.targetId) ?? null };
    if (link.type === "alert") return { link, type: "alert", detail: alerts.get(link.targetId) ?? null };
    return { link, type: "trace", detail: { url: traceUrl(link.targetId) } };
  });
}
