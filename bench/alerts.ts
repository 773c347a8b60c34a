// Benchmark: an alert storm (PagerDuty Events v2 triggers over 10 dedup keys, 20 connections)
// against GET /api/health, measured in the same run on the built app.
//
//   npm run build && npm run bench:alerts [-- --json <file>]   (needs the local PostgreSQL; TEST_PG_URL to point elsewhere)
//
// Starts `next start` on a throw-away PostgreSQL database, creates a responder API token first
// (its routing_key), runs autocannon against each endpoint in turn, then checks that nothing was
// lost: the sum of fire_count over the 10 alerts must equal the number of 2xx answers.
import os from "node:os";
import autocannon from "autocannon";
import postgres from "postgres";
import {
  benchDatabase,
  cannon,
  printRows,
  ratioRow,
  startApp,
  summary,
  WARM_UP_REQUESTS,
  writeReport,
} from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 3361);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 20;
const STORM_EVENTS = Number(process.env.BENCH_STORM_EVENTS ?? 3000);
const KEYS = Array.from({ length: 10 }, (_, i) => `bench-storm-${i}`);
const PD = "/api/integrations/pagerduty/v2/enqueue";
const JSON_HEADERS = { "content-type": "application/json" };

const db = await benchDatabase("im_bench_alerts");
let stop: (() => Promise<void>) | undefined;
try {
  const app = await startApp(db.url, PORT);
  stop = app.stop;
  const event = (key: string) =>
    JSON.stringify({
      routing_key: db.secret,
      event_action: "trigger",
      dedup_key: key,
      payload: {
        summary: `Storm ${key}`,
        source: "bench",
        severity: "critical",
        component: "checkout-api",
        group: "production",
        custom_details: { bench: true },
      },
    });
  // Warm both routes (first compile of the route modules, connection pool, V8's optimised code)
  // outside the measurement.
  await cannon({ url: `${app.base}/api/health`, connections: CONNECTIONS, amount: WARM_UP_REQUESTS });
  await cannon({
    url: `${app.base}${PD}`,
    connections: CONNECTIONS,
    method: "POST",
    headers: JSON_HEADERS,
    body: event("bench-warmup"),
    amount: WARM_UP_REQUESTS,
  });

  // Health and storm take turns, ROUNDS times (the storm's events split between them): on a shared
  // machine the load changes from one minute to the next, and each side gets a share of every period.
  const healthRuns: autocannon.Result[] = [];
  const stormRuns: autocannon.Result[] = [];
  const stormSeconds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    healthRuns.push(
      await cannon({ url: `${app.base}/api/health`, connections: CONNECTIONS, duration: SECONDS }),
    );
    // Each connection cycles through the 10 keys, starting at its own (connection i at key i mod 10),
    // so the 20 senders are spread over the keys rather than marching through them in step. A fixed
    // number of events, so every request sent is answered before counting.
    let nextClient = 0;
    const requests = KEYS.map((key) => ({
      method: "POST" as const,
      path: PD,
      headers: JSON_HEADERS,
      body: event(key),
    }));
    const started = performance.now();
    let lastAnswer = started;
    const storm = timedRun(
      {
        url: `${app.base}${PD}`,
        connections: CONNECTIONS,
        amount: Math.ceil(STORM_EVENTS / ROUNDS),
        method: "POST",
        headers: JSON_HEADERS,
        requests,
        setupClient: (client: { setRequests: (r: typeof requests) => void }) => {
          const offset = nextClient++ % KEYS.length;
          client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
        },
      } as autocannon.Options,
      () => (lastAnswer = performance.now()),
    );
    stormRuns.push(await storm);
    stormSeconds.push((lastAnswer - started) / 1000);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // A fixed-amount run is timed here, to its last answer: autocannon's per-second average, its
  // `duration` and its finish all move in whole seconds, which read 1,000 events in 1.4 s as 500/s.
  const stormRates = stormRuns.map((r, i) => (r["2xx"] + r.non2xx) / stormSeconds[i]);
  const healthRps = mean(healthRuns.map((r) => r.requests.average));
  const stormRps = mean(stormRates);
  const ok = stormRuns.reduce((n, r) => n + r["2xx"], 0);
  await stop();
  stop = undefined;

  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const [row] = await sql<
    { alerts: number; fired: number }[]
  >`select count(*)::int as alerts, coalesce(sum(fire_count), 0)::int as fired from alerts where dedup_key in ${sql(KEYS)}`;
  const [incidents] = await sql<{ n: number }[]>`select count(*)::int as n from incidents`;
  await sql.end();

  // Every 2xx must be counted once: fewer is a lost event, more a double count.
  const lost = ok - row.fired;
  const rows = [
    ratioRow(
      "alert storm (PagerDuty v2, 10 keys, c=20) vs health",
      stormRps,
      "req/s",
      "health req/s",
      healthRps,
      "≥ 0.5",
    ),
  ];
  console.log(
    `machine: ${os.cpus().length} cores · ${ROUNDS} rounds: health ${SECONDS}s, storm ${Math.ceil(STORM_EVENTS / ROUNDS)} events · c=${CONNECTIONS} · PostgreSQL`,
  );
  console.log(
    `GET /api/health                         ${healthRuns.map((r) => r.requests.average.toFixed(0)).join(" / ")} req/s; last round ${summary(healthRuns.at(-1)!)}`,
  );
  console.log(
    `POST pagerduty/v2/enqueue (10 keys)     ${stormRates.map((r) => r.toFixed(0)).join(" / ")} req/s; last round ${summary(stormRuns.at(-1)!)}`,
  );
  console.log(
    `alerts ${row.alerts} (expected 10) · sum(fire_count) ${row.fired} · 2xx ${ok} · lost ${lost} · incidents ${incidents.n}`,
  );
  printRows(rows);
  const intact = row.alerts === KEYS.length && lost === 0;
  writeReport({
    name: "alerts",
    rows: [
      ...rows,
      {
        metric: "storm events lost",
        value: lost,
        unit: "events",
        baseline: "2xx answers",
        baselineValue: ok,
        ratio: ok ? lost / ok : 0,
        goal: "= 0",
        pass: intact,
      },
    ],
  });
  if (!intact) process.exitCode = 1;
} finally {
  await stop?.();
  await db.drop();
}

/** An autocannon run that reports each answer as it arrives (to time a fixed-amount run to its last answer). */
function timedRun(options: autocannon.Options, onAnswer: () => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("response", onAnswer);
  });
}
