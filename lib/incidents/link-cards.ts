import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { errorGroups, releases } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import type { ErrorGroupListItem } from "@/lib/error-groups/schemas";
import { trendsOf } from "@/lib/error-groups/list-error-groups";
import { toErrorGroupView } from "@/lib/error-groups/to-view";
import type { ReleaseView } from "@/lib/releases/schemas";
import { toReleaseView } from "@/lib/releases/to-view";
import type { LinkType } from "./schemas";
import type { LinkView } from "./views";

/** `state` is the alert's status (firing, acknowledged, resolved); `href` its page here. */
export type AlertCardDetail = {
  title: string;
  state: string;
  value: number | null;
  threshold: number | null;
  startedAt: Date | null;
  href: string;
};

/** What the product knows of a linked item; `null` detail means "not known here". */
export type LinkCard =
  | { link: LinkView; type: "error_group"; detail: ErrorGroupListItem | null }
  | { link: LinkView; type: "release"; detail: ReleaseView | null }
  | { link: LinkView; type: "alert"; detail: AlertCardDetail | null }
  | { link: LinkView; type: "trace"; detail: { url: string | null } };

type Resolver<T> = (db: Db, targetIds: string[], now: Date) => Promise<Map<string, T>>;

async function errorGroupCards(db: Db, ids: string[], now: Date) {
  const rows = await db.select().from(errorGroups).where(inArray(errorGroups.id, ids));
  const trends = await trendsOf(
    db,
    rows.map((r) => r.id),
    now,
  );
  return new Map(rows.map((row) => [row.id, { ...toErrorGroupView(row), trend: trends.get(row.id) ?? [] }]));
}

async function releaseCards(db: Db, ids: string[]) {
  const rows = await db.select().from(releases).where(inArray(releases.id, ids));
  return new Map(rows.map((row) => [row.id, toReleaseView(row)]));
}

// An alert ID the alerts table does not hold is one from another system: "not known here".
const alertCards: Resolver<AlertCardDetail> = async (db, ids) => {
  const rows = await db.select().from(alerts).where(inArray(alerts.id, ids));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        title: row.title,
        state: row.status,
        value: row.value,
        threshold: row.threshold,
        startedAt: row.startsAt,
        href: `/alerts/${encodeURIComponent(row.id)}`,
      },
    ]),
  );
};

/** The one registry: how each link type finds what is known of its targets. */
export const cardResolvers: {
  [K in Exclude<LinkType, "trace">]: Resolver<NonNullable<Extract<LinkCard, { type: K }>["detail"]>>;
} = {
  error_group: errorGroupCards,
  release: (db, ids) => releaseCards(db, ids),
  alert: alertCards,
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
