import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/lib/db/row-from-driver";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { wholeDays } from "@/lib/metrics/rollup-metrics";
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

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const iso = (d: Date) => d.toISOString();
const RECURRENCE = sql.raw(`interval '${RECURRENCE_DAYS} days'`);
// Day offsets as literals: a date minus an untyped parameter has no operator.
const LOOK_BACK_DAYS = sql.raw(String(RECURRENCE_DAYS - 1));
const RECURRENCE_DAYS_SQL = sql.raw(String(RECURRENCE_DAYS));

/**
 * Per service, for incidents declared in [from, to): how often they repeat and how their action items are followed up.
 *
 * The counts come from the daily service rollups (incident_daily_stats, kept by triggers), so the cost
 * does not grow with the incidents in the window. A repeat is an incident with an earlier one (strictly
 * earlier created_at) on the same service within RECURRENCE_DAYS. An incident on day D is certainly a
 * repeat when its service has an incident on one of the RECURRENCE_DAYS - 1 whole days before D (they
 * lie inside its look-back whatever its time of day); only the incidents of the other, "quiet" days are
 * checked one by one, against the incidents of their own day and of day D - RECURRENCE_DAYS. The
 * window is whole UTC days, as the metrics page's (the incident counts are its days' rollup rows).
 */
export async function getFollowUpMetrics(
  db: Db,
  actor: Actor,
  window: { from: Date; to: Date },
): Promise<ServiceFollowUp[]> {
  authorize(actor, "incidents.read");
  const from = sql`${iso(window.from)}::timestamptz`;
  const to = sql`${iso(window.to)}::timestamptz`;
  const utcDay = (t: ReturnType<typeof sql>) => sql`(${t} at time zone 'UTC')::date`;
  const dayStart = (d: ReturnType<typeof sql>) => sql`(${d}::timestamp at time zone 'UTC')`;
  const result = await db.execute(sql`
    with counts as (
      select service, sum(incidents)::int as incidents from incident_daily_stats
      where service <> '' and ${wholeDays(window.from, window.to)} group by service having sum(incidents) > 0
    ),
    active as (
      select service, day from incident_daily_stats
      where service <> '' and incidents > 0
        and day >= ${utcDay(from)} - ${LOOK_BACK_DAYS} and day <= ${utcDay(sql`(${to} - interval '1 microsecond')`)}
    ),
    quiet as (
      select a.service, a.day from active a
      where a.day >= ${utcDay(from)}
        and not exists (select 1 from active p where p.service = a.service and p.day >= a.day - ${LOOK_BACK_DAYS} and p.day < a.day)
    ),
    near as (
      select distinct q.service, i.id, i.created_at from quiet q
      cross join lateral (
        select i.id, i.created_at from incidents i
        where i.created_at >= ${dayStart(sql`(q.day - ${RECURRENCE_DAYS_SQL})`)} and i.created_at < ${dayStart(sql`(q.day + 1)`)}
          and exists (select 1 from incident_services s where s.incident_id = i.id and s.service_slug = q.service)
      ) i
    ),
    firsts as (
      select n.service, count(*)::int as n from (
        select service, created_at, count(*) over (partition by service order by created_at
          range between ${RECURRENCE} preceding and interval '1 microsecond' preceding) = 0 as first
        from near
      ) n join quiet q on q.service = n.service and q.day = ${utcDay(sql`n.created_at`)}
      where n.first and n.created_at >= ${from} and n.created_at < ${to}
      group by n.service
    ),
    -- Driven by the action items (far fewer than incidents), each looked up with its incident.
    items as (
      select s.service_slug as service, a.status, a.created_at, a.completed_at
      from action_items a
      cross join lateral (select i.created_at from incidents i where i.id = a.incident_id) i
      join incident_services s on s.incident_id = a.incident_id
      where i.created_at >= ${from} and i.created_at < ${to}
    )
    select c.service, c.incidents,
      c.incidents - coalesce(f.n, 0) as repeats,
      (select count(*) from items t where t.service = c.service)::int as action_items,
      (select count(*) from items t where t.service = c.service and t.status = 'done')::int as done,
      (select count(*) from items t where t.service = c.service and t.status = 'wont_do')::int as wont_do,
      (select percentile_cont(0.5) within group (order by extract(epoch from (t.completed_at - t.created_at)) / 86400)
         from items t where t.service = c.service and t.status = 'done')::float8 as median_days
    from counts c left join firsts f on f.service = c.service
    order by c.incidents desc, c.service`);
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
