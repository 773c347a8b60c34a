// `npm run bench:cpu`: CPU time per request of the server process and of its PostgreSQL backends, for
// GET /api/health, the PagerDuty storm (10 keys, c=20) and declare (c=10). CPU time moves far less
// than throughput when other work shares the machine, so this is the figure to compare changes by on
// a busy machine (bench:declare and bench:alerts give the ratios the goals are written in).
//
//   npm run build && npm run bench:cpu
import { execSync } from "node:child_process";
import { benchDatabase, cannon, startApp, summary, WARM_UP_REQUESTS } from "./support";
import { cpuMeter, inGroup, postgresBackendsOf } from "./cpu-usage";

const PORT = Number(process.env.BENCH_PORT ?? 3362);
const db = await benchDatabase("im_bench_cpu");
const app = await startApp(db.url, PORT);
try {
  const pid = Number(/pid=(\d+)/.exec(execSync(`ss -ltnp 'sport = :${PORT}'`).toString())?.[1]);
  const pgrp = Number(execSync(`ps -o pgid= -p ${pid}`).toString().trim());
  let key = 0;
  const event = (k: string) =>
    JSON.stringify({
      routing_key: db.secret,
      event_action: "trigger",
      dedup_key: k,
      payload: {
        summary: `Storm ${k}`,
        source: "bench",
        severity: "critical",
        component: "checkout-api",
        group: "production",
      },
    });
  const runs = {
    "GET /api/health": { url: `${app.base}/api/health`, connections: 10, amount: 4000 },
    "PagerDuty storm, 10 keys": {
      url: `${app.base}/api/integrations/pagerduty/v2/enqueue`,
      method: "POST",
      connections: 20,
      amount: 3000,
      headers: { "content-type": "application/json" },
      setupClient: (client: { setBody: (b: string) => void }) => client.setBody(event(`bench-${key++ % 10}`)),
    },
    "POST declare": {
      url: `${app.base}/api/dashboard/incidents`,
      method: "POST",
      connections: 10,
      amount: 1000,
      headers: { "content-type": "application/json", authorization: `Bearer ${db.secret}` },
      body: JSON.stringify({
        title: "Checkout failing",
        severity: "SEV2",
        services: ["checkout-api"],
        environment: "production",
      }),
    },
  } as const;
  for (const options of Object.values(runs)) await cannon({ ...options, amount: WARM_UP_REQUESTS } as never); // warm-up
  console.log(
    "| request | req/s | server ms CPU / request | PostgreSQL ms CPU / request |\n|---|---|---|---|",
  );
  for (const [name, options] of Object.entries(runs)) {
    const meter = cpuMeter({
      server: (p) => p.pid === pid || inGroup(pgrp)(p),
      PostgreSQL: postgresBackendsOf(db.name),
    });
    const started = performance.now();
    const result = await cannon(options as never);
    // The work a request leaves behind (event dispatch after commit) belongs to it: wait for it.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const cores = meter();
    const seconds = (performance.now() - started) / 1000;
    const perRequest = (part: number) => ((part * seconds * 1000) / options.amount).toFixed(2);
    console.log(
      `| ${name} | ${result.requests.average.toFixed(0)} | ${perRequest(cores.server)} | ${perRequest(cores.PostgreSQL)} |`,
    );
    if (result.non2xx + result.errors > 0) console.log(`   ${summary(result)}`);
  }
} finally {
  await app.stop();
  await db.drop();
}
