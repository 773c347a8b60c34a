// Benchmark: declaring over HTTP against the database's own ceiling for the same transaction and
// against the lightest route, all in one run, c=10.
//
//   npm run build && npm run bench:declare [-- --json <file>]   (needs the local PostgreSQL and pgbench)
//
// On a throw-away database: pgbench runs bench/declare.pgbench.sql (counter upsert, service upsert,
// incident, incident service, timeline entry; 7 statements), then autocannon measures GET /api/health
// and POST /api/dashboard/incidents (bearer token) on `next start`; BENCH_ROUNDS turns of BENCH_SECONDS each.
// Afterwards the app's IDs of the year must be gapless: 1..n, n = the 201 answers.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import type autocannon from "autocannon";
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

const PORT = Number(process.env.BENCH_PORT ?? 3360);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const PGBENCH = ["/usr/lib/postgresql/15/bin/pgbench", "pgbench"].find(
  (p) => p === "pgbench" || existsSync(p),
)!;

const db = await benchDatabase("im_bench_declare");
let stop: (() => Promise<void>) | undefined;
try {
  const url = new URL(db.url);
  const pgbench = () => {
    const out = execFileSync(
      PGBENCH,
      [
        "-n",
        "-c",
        String(CONNECTIONS),
        "-j",
        String(Math.min(CONNECTIONS, os.cpus().length)),
        "-T",
        String(SECONDS),
        "-f",
        "bench/declare.pgbench.sql",
        "-h",
        url.hostname,
        "-p",
        url.port || "5432",
        "-U",
        url.username || "postgres",
        db.name,
      ],
      { encoding: "utf8" },
    );
    return Number(
      /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1],
    );
  };

  const app = await startApp(db.url, PORT);
  stop = app.stop;
  const body = JSON.stringify({
    title: "Checkout failing",
    severity: "SEV2",
    services: ["checkout-api"],
    environment: "production",
  });
  const declare = {
    url: `${app.base}/api/dashboard/incidents`,
    method: "POST" as const,
    headers: { "content-type": "application/json", authorization: `Bearer ${db.secret}` },
    body,
    connections: CONNECTIONS,
  };
  // Warm both routes (module load, pool, token cache, V8's optimised code) outside the measurement.
  await cannon({ url: `${app.base}/api/health`, connections: CONNECTIONS, amount: WARM_UP_REQUESTS });
  await cannon({ ...declare, amount: WARM_UP_REQUESTS });

  // The three measurements take turns, ROUNDS times: on a shared machine the load changes from one
  // minute to the next, and interleaving gives each of them a share of every period.
  const tpsRuns: number[] = [];
  const healthRuns: autocannon.Result[] = [];
  const declareRuns: autocannon.Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    tpsRuns.push(pgbench());
    healthRuns.push(
      await cannon({ url: `${app.base}/api/health`, connections: CONNECTIONS, duration: SECONDS }),
    );
    declareRuns.push(await cannon({ ...declare, duration: SECONDS }));
  }
  await stop();
  stop = undefined;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const tps = mean(tpsRuns);
  const health = { rps: mean(healthRuns.map((r) => r.requests.average)), last: healthRuns.at(-1)! };
  const declared = {
    rps: mean(declareRuns.map((r) => r.requests.average)),
    last: declareRuns.at(-1)!,
    non2xx: declareRuns.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };

  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const [ids] = await sql<{ n: number; max: number | null; distinct: number }[]>`
    select count(*)::int as n, max(seq) as max, count(distinct seq)::int as distinct from incidents where year <> 2100`;
  const [years] = await sql<
    { years: number }[]
  >`select count(distinct year)::int as years from incidents where year <> 2100`;
  await sql.end();
  const gapless = ids.n === (ids.max ?? 0) && ids.distinct === ids.n && years.years <= 1;

  const rows = [
    ratioRow("declare over HTTP vs pgbench (same tx)", declared.rps, "req/s", "pgbench TPS", tps, "≥ 0.5"),
    ratioRow(
      "declare over HTTP vs GET /api/health",
      declared.rps,
      "req/s",
      "health req/s",
      health.rps,
      "≥ 0.3",
    ),
  ];
  console.log(
    `machine: ${os.cpus().length} cores · ${ROUNDS} rounds of ${SECONDS}s each · c=${CONNECTIONS} · PostgreSQL`,
  );
  console.log(
    `pgbench bench/declare.pgbench.sql           ${tpsRuns.map((t) => t.toFixed(0)).join(" / ")} TPS`,
  );
  console.log(
    `GET /api/health                             ${healthRuns.map((r) => r.requests.average.toFixed(0)).join(" / ")} req/s; last round ${summary(health.last)}`,
  );
  console.log(
    `POST /api/dashboard/incidents               ${declareRuns.map((r) => r.requests.average.toFixed(0)).join(" / ")} req/s; last round ${summary(declared.last)}`,
  );
  console.log(
    `IDs: ${ids.n} incidents, highest number ${ids.max ?? 0}, ${gapless ? "gapless" : "NOT GAPLESS"} (warm-up included)`,
  );
  printRows(rows);
  writeReport({
    name: "declare",
    rows: [
      ...rows,
      {
        metric: "gapless IDs after the run",
        value: ids.n,
        unit: "IDs",
        baseline: "highest number",
        baselineValue: ids.max ?? 0,
        ratio: ids.max ? ids.n / ids.max : 1,
        goal: "= 1",
        pass: gapless,
      },
    ],
  });
  if (!gapless || declared.non2xx > 0) process.exitCode = 1;
} finally {
  await stop?.();
  await db.drop();
}
