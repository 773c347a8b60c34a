// Benchmark: an alert storm (PagerDuty Events v2 triggers over 10 dedup keys, 20 connections)
// against GET /api/health, measured in the same run on the built app.
//
//   npm run build && npm run bench:alerts     (needs the local PostgreSQL; TEST_PG_URL to point elsewhere)
//
// Starts `next start` on a throw-away PostgreSQL database, creates a responder API token first
// (its routing_key), runs autocannon against each endpoint in turn, then checks that nothing was
// lost: the sum of fire_count over the 10 alerts must equal the number of 2xx answers.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import postgres from "postgres";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 4412);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 20;
const STORM_EVENTS = Number(process.env.BENCH_STORM_EVENTS ?? 600);
const KEYS = Array.from({ length: 10 }, (_, i) => `bench-storm-${i}`);
const name = `im_bench_${randomBytes(4).toString("hex")}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const base = `http://127.0.0.1:${PORT}`;

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
let server: ChildProcess | undefined;
const logs: string[] = [];

async function waitForHealth() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not become healthy:\n${logs.join("")}`);
}

const run = (path: string, options: Partial<autocannon.Options> = {}) =>
  autocannon({ connections: CONNECTIONS, ...(options.amount ? {} : { duration: SECONDS }), ...options, url: `${base}${path}` });
const PD = "/api/integrations/pagerduty/v2/enqueue";
const JSON_HEADERS = { "content-type": "application/json" };

try {
  // The token is created (and the schema migrated) by this process before the server starts.
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb } = await import("@/db/client");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { secret } = await createApiToken(await getDb(), { type: "system", name: "bench", role: "admin" }, { name: "bench-storm", role: "responder" });
  await closeDb();

  server = spawn("./node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url.toString(), NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_URL: base },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => logs.push(String(d)));
  server.stderr?.on("data", (d) => logs.push(String(d)));
  await waitForHealth();

  const event = (key: string) => JSON.stringify({
    routing_key: secret,
    event_action: "trigger",
    dedup_key: key,
    payload: { summary: `Storm ${key}`, source: "bench", severity: "critical", component: "checkout-api", group: "production", custom_details: { bench: true } },
  });
  // Warm both routes (first compile of the route modules, connection pool) outside the measurement.
  await run("/api/health", { duration: 2 });
  await run(PD, { method: "POST", headers: JSON_HEADERS, body: event("bench-warmup"), duration: 2 });

  const health = await run("/api/health");
  // Each connection cycles through the 10 keys. A fixed number of events (about as many as the health
  // run's duration allows at the goal ratio) so every request sent is answered before counting.
  const storm = await run(PD, { amount: STORM_EVENTS, method: "POST", headers: JSON_HEADERS, requests: KEYS.map((key) => ({ method: "POST" as const, path: PD, headers: JSON_HEADERS, body: event(key) })) });

  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const [row] = await sql<{ alerts: number; fired: number }[]>`select count(*)::int as alerts, coalesce(sum(fire_count), 0)::int as fired from alerts where dedup_key in ${sql(KEYS)}`;
  const [incidents] = await sql<{ n: number }[]>`select count(*)::int as n from incidents`;
  await sql.end();

  const healthRps = health.requests.average;
  const stormRps = storm.requests.average;
  const ratio = stormRps / healthRps;
  // Every 2xx must be counted once: fewer is a lost event, more a double count.
  const lost = storm["2xx"] - row.fired;
  console.log(`machine: ${(await import("node:os")).cpus().length} cores · health ${SECONDS}s, storm ${STORM_EVENTS} events · c=${CONNECTIONS} · PostgreSQL`);
  console.log(`GET /api/health                         ${healthRps.toFixed(0)} req/s (p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms, non-2xx ${health.non2xx}, errors ${health.errors})`);
  console.log(`POST pagerduty/v2/enqueue (10 keys)     ${stormRps.toFixed(0)} req/s (p50 ${storm.latency.p50} ms, p99 ${storm.latency.p99} ms, 2xx ${storm["2xx"]}, non-2xx ${storm.non2xx}, errors ${storm.errors})`);
  console.log(`ratio storm / health                    ${ratio.toFixed(2)} (goal ≥ 0.5)`);
  console.log(`alerts ${row.alerts} (expected 10) · sum(fire_count) ${row.fired} · 2xx ${storm["2xx"]} · lost ${lost} · incidents ${incidents.n}`);
  if (row.alerts !== KEYS.length || lost !== 0) process.exitCode = 1;
} finally {
  if (server && server.exitCode === null) {
    await new Promise<void>((resolve) => {
      server!.once("exit", () => resolve());
      server!.kill("SIGTERM");
    });
  }
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
