// Synthetic incident history for bench/scale.ts, generated inside PostgreSQL with generate_series.
//
// Two shapes:
//   spread: a constant 50 incidents a day going back in time (1M = 55 years; every window holds the same few thousand)
//   dense:  every incident in the last 365 days (1M = ~2,700 a day; the 90-day view covers ~250k)
// Distributions (fixed seed, so a run is repeatable): 40 services with a skewed popularity, a third of the
// incidents touch a second service; SEV1 5 %, SEV2 15 %, SEV3 40 %, SEV4 40 %; 60 % alert-born (source
// 'alert', measured impact start, an alert row and its incident link); all but the last week resolved;
// timeline rows (declared, investigating, an update, resolution) for the last 30 days' incidents.
import type { Sql } from "postgres";

// INC-<year>-<seq>, zero-padded to 4 digits and growing past them (lpad alone would cut 12345 to 1234).
const INCIDENT_ID = `'INC-' || extract(year from t)::int || '-' || lpad(g::text, greatest(4, length(g::text)), '0')`;

export type Shape = "spread" | "dense";
export const SERVICE_COUNT = 40;
export const serviceSlug = (i: number) => `svc-${String(i).padStart(2, "0")}`;

export async function prepareCatalog(sql: Sql) {
  await sql`insert into users (id, name, email, role) select 'user_s' || g, 'Responder ' || g, 'r' || g || '@bench.example', 'responder' from generate_series(1, 20) g on conflict do nothing`;
  await sql`insert into services (slug, name) select 'svc-' || lpad(g::text, 2, '0'), 'Service ' || g from generate_series(0, ${SERVICE_COUNT - 1}) g on conflict do nothing`;
}

/** Incidents number `from`..`to` (1-based); the created time of incident g depends only on g and the shape. */
export async function loadIncidents(sql: Sql, shape: Shape, from: number, to: number) {
  // Seconds before now: spread = g/50 days; dense = a hash of g over 365 days (so adding rows fills the same year denser).
  const ago =
    shape === "spread" ? `g * 1728.0` : `((g::bigint * 2654435761) % 31536000)::float8 + (g % 997) / 997.0`;
  await sql.unsafe(`
    -- Bulk load: no row triggers (rollups, foreign keys, the timeline guard); finishLoad rebuilds the rollups.
    set session_replication_role = replica;
    create temporary table if not exists gen (g int primary key, t timestamptz, sev text, r1 float8, r2 float8, r3 float8, svc int, svc2 int, alert bool, recent bool);
    truncate gen;
    select setseed(${(from % 1000) / 1000});
    insert into gen
    select g, now() - make_interval(secs => ${ago}),
           case when r < 0.05 then 'SEV1' when r < 0.20 then 'SEV2' when r < 0.60 then 'SEV3' else 'SEV4' end,
           random(), random(), random(),
           floor(${SERVICE_COUNT} * power(random(), 2))::int,
           case when random() < 0.33 then floor(${SERVICE_COUNT} * random())::int end,
           random() < 0.6, false
      from generate_series(${from}, ${to}) g, lateral (select random()) x(r);
    update gen set recent = t > now() - interval '30 days';
    insert into incidents (id, year, seq, title, description, severity, status, environment, commander_id, declared_by, source,
                           impact_started_at, impact_start_source, created_at, investigating_at, mitigated_at, resolved_at,
                           mitigation_summary, resolution_summary, duration_seconds, version, updated_at)
    select ${INCIDENT_ID}, extract(year from t)::int, g,
           'Elevated errors on ' || 'svc-' || lpad(svc::text, 2, '0') || ' #' || g, '',
           sev,
           case when t > now() - interval '7 days' and r1 < 0.5 then (array['declared','investigating','mitigated'])[1 + (g % 3)] else 'resolved' end,
           case when r2 < 0.8 then 'production' when r2 < 0.95 then 'staging' else 'development' end,
           'user_s' || (1 + g % 20), case when alert then 'alert' else 'user_s' || (1 + g % 20) end,
           case when alert then 'alert' when r3 < 0.8 then 'dashboard' else 'api' end,
           t - make_interval(secs => case when alert then 60 + r3 * 900 when r3 < 0.5 then r3 * 7200 else 0 end),
           case when alert then 'alert' when r3 < 0.5 then 'reported' else 'declared_default' end,
           t,
           t + make_interval(secs => 30 + r1 * r1 * 1800),
           t + make_interval(secs => 600 + r2 * r2 * 14400),
           t + make_interval(secs => 1800 + r2 * r3 * 86400),
           'Mitigated.', 'Resolved.',
           (1800 + r2 * r3 * 86400)::int, 3, t
      from gen;
    -- Open incidents have no later phases yet.
    update incidents i set resolved_at = null, resolution_summary = null, duration_seconds = null,
           mitigated_at = case when i.status = 'mitigated' then i.mitigated_at end,
           mitigation_summary = case when i.status = 'mitigated' then i.mitigation_summary end,
           investigating_at = case when i.status = 'declared' then null else i.investigating_at end
      where i.seq between ${from} and ${to} and i.status <> 'resolved';
    insert into incident_services (incident_id, service_slug, incident_created_at)
    select ${INCIDENT_ID}, 'svc-' || lpad(s::text, 2, '0'), t
      from gen, lateral (select svc union select svc2 where svc2 is not null) x(s);
    insert into alerts (id, source, dedup_key, dedup_scope, title, service, environment, severity, status, starts_at, ends_at, last_seen_at, fire_count, created_at, updated_at)
    select 'alr_b' || g, 'pagerduty', 'key-' || g, 'pagerduty', 'High error rate', 'svc-' || lpad(svc::text, 2, '0'), 'production', 'critical', 'resolved',
           t - interval '2 minutes', t + interval '1 hour', t + interval '1 hour', 3, t - interval '2 minutes', t + interval '1 hour'
      from gen where alert and recent;
    insert into incident_links (incident_id, type, target_id, created_by, created_at)
    select ${INCIDENT_ID}, 'alert', 'alr_b' || g, 'alert', t
      from gen where alert;
    insert into timeline_entries (incident_id, kind, actor, message, data, created_at)
    select i.id, k.kind, 'user_s1', k.message, k.data::jsonb, i.created_at + k.after
      from incidents i join gen on gen.g = i.seq and gen.recent
      cross join (values ('declared', null, '{}', interval '0'),
                         ('status_changed', null, '{"from":"declared","to":"investigating"}', interval '1 minute'),
                         ('update', 'Rolled back the last deploy; watching error rates.', '{}', interval '20 minutes'),
                         ('status_changed', null, '{"from":"investigating","to":"resolved"}', interval '2 hours')) k(kind, message, data, after)
     where i.seq between ${from} and ${to} and (k.kind <> 'status_changed' or i.status = 'resolved' or k.after < interval '1 hour');
  `);
}

export async function finishLoad(sql: Sql) {
  await sql.unsafe(`reset session_replication_role`);
  await sql`select incident_rollups_rebuild()`;
  await sql`insert into incident_counters (year, last) select year, max(seq) from incidents group by year
            on conflict (year) do update set last = greatest(incident_counters.last, excluded.last)`;
  await sql.unsafe(`vacuum analyze`);
}
