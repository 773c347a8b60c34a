// `npm run bench:cluster`: declare and health req/s through nginx with 1, 2 and 3 app instances on
// one PostgreSQL (a throw-away database on TEST_PG_URL's server), autocannon at c=20. Prints one
// table with each figure as a ratio of the 1-instance figure measured in the same run. Needs a build.
import { randomBytes } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import postgres from "postgres";
import { findNginx } from "../scripts/cluster/ensure-nginx";
import { startCluster } from "../scripts/cluster/start-cluster";
import { cpuMeter, inGroup, named, postgresBackendsOf } from "./cpu-usage";
import { WARM_UP_REQUESTS } from "./support";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 4420);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;
const COUNTS = (process.env.BENCH_INSTANCES ?? "1,2,3").split(",").map(Number);
// BENCH_PIN=1: instance i runs on core i only (taskset), so each instance has exactly one core of its
// own and the figures show what one more core-with-an-instance adds (PostgreSQL, nginx and the load
// generator still float over all cores).
const PIN = process.env.BENCH_PIN === "1" ? Array.from({ length: os.cpus().length }, (_, i) => i) : undefined;

const nginx = findNginx();
if (!nginx) {
  console.error("[bench] nginx missing: apt-get install -y nginx-light (or set NGINX_PATH)");
  process.exit(2);
}

type Cores = Record<string, number>;
type Row = {
  instances: number | string;
  health: number;
  declare: number;
  declareP50: number;
  declareP99: number;
  non2xx: number;
  healthCores: Cores;
  declareCores: Cores;
};
const rows: Row[] = [];

for (const instances of COUNTS) {
  const name = `im_bench_cluster_${randomBytes(4).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  try {
    process.env.DATABASE_URL = url.toString();
    const { getDb, closeDb } = await import("@/db/client");
    const { createApiToken } = await import("@/lib/tokens/create-api-token");
    const { secret } = await createApiToken(
      await getDb(),
      { type: "system", name: "bench", role: "admin" },
      { name: "bench-cluster", role: "responder" },
    );
    await closeDb();

    const cluster = await startCluster({
      nginx,
      databaseUrl: url.toString(),
      instances,
      proxyPort: PORT,
      log: () => {},
      pinCores: PIN,
    });
    try {
      const meter = (pids: (number | undefined)[]) =>
        cpuMeter({
          "app instances": (p) => pids.some((pid) => inGroup(pid)(p)),
          nginx: named("nginx"),
          PostgreSQL: postgresBackendsOf(name),
        });
      const run = (opts: autocannon.Options) =>
        autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
      const body = JSON.stringify({
        title: "Bench declaration",
        severity: "SEV3",
        services: ["search-api"],
        environment: "production",
      });
      const declaring = {
        url: `${cluster.url}/api/dashboard/incidents`,
        method: "POST" as const,
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body,
      };
      // Every instance warmed as bench:declare warms its one (nginx spreads the requests evenly).
      for (const route of [{ url: `${cluster.url}/api/health` }, declaring])
        await autocannon({ connections: CONNECTIONS, amount: WARM_UP_REQUESTS * instances, ...route });
      let cores = meter(cluster.instances.map((i) => i.process.pid));
      const health = await run({ url: `${cluster.url}/api/health` });
      const healthCores = cores();
      const declare = await run(declaring);
      const declareCores = cores();
      if (instances === 1) {
        // The same instance without nginx: what the proxy itself costs.
        const direct = `http://127.0.0.1:${cluster.instances[0].port}`;
        cores = meter(cluster.instances.map((i) => i.process.pid));
        const h = await run({ url: `${direct}/api/health` });
        const hCores = cores();
        const d = await run({
          url: `${direct}/api/dashboard/incidents`,
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
          body,
        });
        const dCores = cores();
        rows.push({
          instances: "1, no nginx",
          health: h.requests.average,
          declare: d.requests.average,
          declareP50: d.latency.p50,
          declareP99: d.latency.p99,
          non2xx: h.non2xx + d.non2xx + h.errors + d.errors,
          healthCores: hCores,
          declareCores: dCores,
        });
      }
      rows.push({
        instances,
        health: health.requests.average,
        declare: declare.requests.average,
        declareP50: declare.latency.p50,
        declareP99: declare.latency.p99,
        non2xx: health.non2xx + declare.non2xx + health.errors + declare.errors,
        healthCores,
        declareCores,
      });
    } finally {
      await cluster.stop(10_000);
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const base = rows.find((r) => r.instances === 1) ?? rows[0];
console.log(
  `\nThrough nginx, c=${CONNECTIONS}, ${SECONDS} s per figure, ${PIN ? "instance i pinned to core i" : "instances not pinned"} (${new Date().toISOString()})`,
);
console.log(
  "| instances | GET /api/health req/s | × 1 instance | POST declare req/s | × 1 instance | declare p50 / p99 ms | non-2xx + errors |",
);
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.instances} | ${r.health.toFixed(0)} | ${(r.health / base.health).toFixed(2)} | ${r.declare.toFixed(0)} | ${(r.declare / base.declare).toFixed(2)} | ${r.declareP50} / ${r.declareP99} | ${r.non2xx} |`,
  );
}
// The cores each part used while it was measured (CPU seconds / wall seconds), against the machine's.
const count = (r: Row) => (typeof r.instances === "number" ? r.instances : 1);
const coresTable = (label: string, pick: (r: Row) => Cores) => {
  console.log(
    `\nCores used during ${label} (machine: ${os.cpus().length} cores, shared by everything below)`,
  );
  console.log("| instances | all instances | per instance | PostgreSQL | nginx | load generator | total |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const c = pick(r);
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    console.log(
      `| ${r.instances} | ${c["app instances"].toFixed(2)} | ${(c["app instances"] / count(r)).toFixed(2)} | ${c.PostgreSQL.toFixed(2)} | ${c.nginx.toFixed(2)} | ${c["load generator"].toFixed(2)} | ${total.toFixed(2)} |`,
    );
  }
};
coresTable("GET /api/health", (r) => r.healthCores);
coresTable("POST declare", (r) => r.declareCores);
process.exit(0);
