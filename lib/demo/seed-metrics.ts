import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * One-minute health series for the demo, generated in PostgreSQL: around every demo incident (two
 * hours either side) and for the last day of every service. A daily traffic curve and noise, and
 * during each incident's impact a spike in errors and latency sized by its severity.
 */
export async function seedDemoMetrics(db: Db, now: Date): Promise<void> {
  const end = now.toISOString();
  await db.execute(sql`
    with windows as (
      select s.service_slug as service, i.environment,
             i.impact_started_at - interval '2 hours' as w_from,
             least(coalesce(i.resolved_at, ${end}::timestamptz) + interval '2 hours', ${end}::timestamptz) as w_to
        from incidents i join incident_services s on s.incident_id = i.id
      union all
      select slug, 'production', ${end}::timestamptz - interval '1 day', ${end}::timestamptz from services
    ),
    minutes as (
      select distinct w.service, w.environment, generate_series(date_trunc('minute', w.w_from), w.w_to, interval '1 minute') as ts
        from windows w
    ),
    shaped as (
      select m.service, m.environment, m.ts,
             0.65 + 0.35 * sin(2 * pi() * (extract(hour from m.ts) + extract(minute from m.ts) / 60.0 - 9) / 24) as load,
             50 + abs(hashtext(m.service)) % 150 as base_rps,
             coalesce((
               select max(case i.severity when 'SEV1' then 0.35 when 'SEV2' then 0.18 when 'SEV3' then 0.06 else 0.02 end)
                 from incidents i join incident_services s on s.incident_id = i.id
                where s.service_slug = m.service and i.environment = m.environment
                  and m.ts >= i.impact_started_at
                  and m.ts < coalesce(i.mitigated_at, i.resolved_at, ${end}::timestamptz)
             ), 0) as spike
        from minutes m
    )
    insert into service_metrics (service, environment, ts, error_rate, latency_p95_ms, request_rate)
    select service, environment, ts,
           least(1, 0.002 + 0.003 * random() + spike * (0.8 + 0.4 * random())),
           (140 + 90 * load + 40 * random()) * (1 + spike * 12 * (0.8 + 0.4 * random())),
           base_rps * load * (0.9 + 0.2 * random()) * (1 - spike / 2)
      from shaped
    on conflict do nothing`);
}
