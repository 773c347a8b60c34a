// Benchmark: the metrics overview and the first list page at 10k and at 1M incidents.
//
//   npx tsx bench/metrics.ts            (needs the local PostgreSQL; TEST_PG_URL to point elsewhere)
//
// Loads incidents (with services and three timeline entries each) into a throw-away PostgreSQL
// database with generate_series, then times the same lib/ functions the API calls. Incidents arrive
// at a constant rate (50 a day, so even the small set has a full previous period for the 90-day
// view), so the bigger set is a longer history: what this measures is whether the queries' cost
// grows with the size of the table or only with the period they look at.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PER_DAY = 50;
const SIZES = [10_000, 1_000_000];
const RUNS = 15;
const name = `im_bench_${randomBytes(4).toString("hex")}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
process.env.DATABASE_URL = url.toString();
const { getDb, closeDb } = await import("@/db/client");
const { getIncidentMetrics } = await import("@/lib/metrics/get-incident-metrics");
const { listIncidents } = await import("@/lib/incidents/list-incidents");
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });

async function load(from: number, to: number) {
  // Incident g was declared g/50 days ago; everything else is derived from g so the data is repeatable.
  await sql.unsafe(`
    insert into incidents (id, year, seq, title, description, severity, status, environment, commander_id, declared_by, source,
                           impact_started_at, created_at, investigating_at, mitigated_at, resolved_at, duration_seconds, version, updated_at)
    select 'INC-B-' || lpad(g::text, 7, '0'), 1900, g, 'Benchmark incident ' || g, '',
           (array['SEV1','SEV2','SEV3','SEV3','SEV4','SEV2','SEV3','SEV4','SEV3','SEV4'])[g % 10 + 1],
           case when g <= 30 then 'investigating' else 'resolved' end,
           case when g % 10 = 0 then 'staging' else 'production' end,
           'user_bench', 'bench', 'api',
           t - make_interval(mins => g % 30), t,
           t + make_interval(mins => g % 20 + 1),
           case when g <= 30 then null else t + make_interval(mins => g % 120 + 10) end,
           case when g <= 30 then null else t + make_interval(mins => g % 600 + 130) end,
           case when g <= 30 then null else (g % 600 + 130) * 60 end,
           1, t
      from generate_series(${from}, ${to}) g, lateral (select now() - make_interval(secs => g * 86400.0 / ${PER_DAY})) as x(t)`);
  await sql.unsafe(`
    insert into incident_services (incident_id, service_slug, incident_created_at)
    select i.id, s.slug, i.created_at
      from generate_series(${from}, ${to}) g
      join incidents i on i.id = 'INC-B-' || lpad(g::text, 7, '0')
      join lateral (select slug from (values (0,'payment-service'),(1,'checkout-api'),(2,'search-api'),(3,'auth-service'),
                                            (4,'notification-worker'),(5,'inventory-service'),(6,'web-frontend'),(7,'analytics-pipeline')) v(i, slug)
                     where v.i = g % 8 or (g % 3 = 0 and v.i = (g + 3) % 8)) s on true`);
  await sql.unsafe(`
    insert into timeline_entries (incident_id, kind, actor, message, data, created_at)
    select 'INC-B-' || lpad(g::text, 7, '0'), k.kind, 'bench', k.message, '{}'::jsonb, now() - make_interval(secs => g * 86400.0 / ${PER_DAY}) + k.after
      from generate_series(${from}, ${to}) g,
           (values ('declared', null, interval '0'), ('status_changed', null, interval '5 minutes'), ('update', 'Still investigating.', interval '20 minutes')) k(kind, message, after)`);
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)], p90: samples[Math.floor(RUNS * 0.9)] };
}

const results: Record<string, Record<number, { median: number; p90: number }>> = {
  overview: {},
  overview90: {},
  list: {},
};
try {
  const db = await getDb();
  await sql`insert into users (id, name, email, role) values ('user_bench', 'Bench', 'bench@example.com', 'responder')`;
  await sql`insert into services (slug, name) select s, s from unnest(array['payment-service','checkout-api','search-api','auth-service','notification-worker','inventory-service','web-frontend','analytics-pipeline']) s`;
  const actor = { type: "system", name: "bench", role: "viewer" } as const;
  let loaded = 0;
  for (const size of SIZES) {
    const started = performance.now();
    // Bulk load without row triggers (the metrics rollups); rebuilt in one pass afterwards.
    await sql`set session_replication_role = replica`;
    for (let from = loaded + 1; from <= size; from += 100_000)
      await load(from, Math.min(size, from + 99_999));
    await sql`reset session_replication_role`;
    await sql`select incident_rollups_rebuild()`;
    loaded = size;
    await sql`vacuum analyze`;
    console.log(
      `loaded ${size.toLocaleString("en-US")} incidents (${(size / PER_DAY / 365).toFixed(1)} years at ${PER_DAY}/day) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    results.overview[size] = await time(() => getIncidentMetrics(db, actor, { range: "30d" }));
    results.overview90[size] = await time(() =>
      getIncidentMetrics(db, actor, { range: "90d", interval: "month" }),
    );
    results.list[size] = await time(() => listIncidents(db, actor, { limit: "25" }));
  }
  const [small, large] = SIZES;
  console.log(
    `\n${"query".padEnd(34)} ${"10k median".padStart(11)} ${"1M median".padStart(10)} ${"1M p90".padStart(8)}  ratio 1M/10k`,
  );
  for (const [label, key] of [
    ["metrics overview, last 30 days", "overview"],
    ["metrics overview, last 90 days", "overview90"],
    ["incident list, first page", "list"],
  ] as const) {
    const a = results[key][small];
    const b = results[key][large];
    console.log(
      `${label.padEnd(34)} ${a.median.toFixed(1).padStart(8)} ms ${b.median.toFixed(1).padStart(7)} ms ${b.p90.toFixed(1).padStart(5)} ms  ${(b.median / a.median).toFixed(2)}x`,
    );
  }
} finally {
  await closeDb();
  await sql.end();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
