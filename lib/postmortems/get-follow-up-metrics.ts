import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Actor, assertRole } from "@/lib/actor";
import { RECURRENCE_DAYS } from "./find-similar-incidents";

export type ServiceFollowUp = {
  service: string;
  incidents: number;
  repeats: number;
  /** Share of the window's incidents that had an earlier incident on the same service within 90 days. */
  repeatRate: number | null;
  actionItems: number;
  done: number;
  /** done / (all − won't do): an item dropped on purpose is neither done nor outstanding. */
  completionRate: number | null;
  medianDaysToClose: number | null;
};

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Per service, for incidents declared in [from, to): how often they repeat and how their action items are followed up. */
export async function getFollowUpMetrics(db: Db, actor: Actor, window: { from: Date; to: Date }): Promise<ServiceFollowUp[]> {
  assertRole(actor, "viewer", "view metrics");
  const result = await db.execute(sql`
    -- A repeat: an earlier incident (strictly earlier created_at) on the same service within the
    -- recurrence window. One ordered pass over the window and the RECURRENCE_DAYS before it, instead
    -- of probing every incident of the service for each incident in the window.
    with recent as (
      select s.service_slug as service, i.id, i.created_at,
        count(*) over (partition by s.service_slug order by i.created_at
          range between ${sql.raw(`interval '${RECURRENCE_DAYS} days'`)} preceding and interval '1 microsecond' preceding) > 0 as repeat
      from incidents i join incident_services s on s.incident_id = i.id
      where i.created_at >= ${window.from.toISOString()}::timestamptz - ${sql.raw(`interval '${RECURRENCE_DAYS} days'`)}
        and i.created_at < ${window.to.toISOString()}::timestamptz
    ),
    per_incident as (
      select service, id, repeat from recent where created_at >= ${window.from.toISOString()}::timestamptz
    ),
    items as (
      select p.service, a.status, a.created_at, a.completed_at
      from per_incident p join action_items a on a.incident_id = p.id
    )
    select p.service,
      count(*)::int as incidents,
      count(*) filter (where p.repeat)::int as repeats,
      (select count(*) from items t where t.service = p.service)::int as action_items,
      (select count(*) from items t where t.service = p.service and t.status = 'done')::int as done,
      (select count(*) from items t where t.service = p.service and t.status = 'wont_do')::int as wont_do,
      (select percentile_cont(0.5) within group (order by extract(epoch from (t.completed_at - t.created_at)) / 86400)
         from items t where t.service = p.service and t.status = 'done')::float8 as median_days
    from per_incident p
    group by p.service
    order by count(*) desc, p.service`);
  return rowsOf<Record<string, unknown>>(result).map((r) => {
    const incidents = Number(r.incidents);
    const repeats = Number(r.repeats);
    const actionItems = Number(r.action_items);
    const done = Number(r.done);
    const countable = actionItems - Number(r.wont_do);
    return {
      service: String(r.service),
      incidents,
      repeats,
      repeatRate: incidents ? repeats / incidents : null,
      actionItems,
      done,
      completionRate: countable > 0 ? done / countable : null,
      medianDaysToClose: num(r.median_days),
    };
  });
}
