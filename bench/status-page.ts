// Benchmark: the public status page (issue 24) against the same server's GET /api/health, in one run:
// alone, and while an alert storm (PagerDuty v2 triggers, c=20) runs against the same server.
//
//   npm run build && npm run bench:status-page [-- --json <file>]   (needs the local PostgreSQL)
//
// The page is served from its snapshot in memory (decision 0110): it should cost about what health
// costs, and not slow down when the write path is busy.
import os from "node:os";
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

const PORT = Number(process.env.BENCH_PORT ?? 3381);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 20;
const PD = "/api/integrations/pagerduty/v2/enqueue";

const db = await benchDatabase("im_bench_status");
let stop: (() => Promise<void>) | undefined;
try {
  const app = await startApp(db.url, PORT);
  stop = app.stop;
  const api = (path: string, body: unknown) =>
    fetch(`${app.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${db.secret}` },
      body: JSON.stringify(body),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    });
  // A page as a customer would see it mid-incident: components, an open public incident, an update.
  const page = await api("/api/status-pages", { name: "Acme status", slug: "acme", isDefault: true });
  const components = [];
  for (const name of ["Checkout", "Payments", "Search", "API", "Dashboard", "Notifications"])
    components.push(await api(`/api/status-pages/${page.id}/components`, { name }));
  const incident = await api(`/api/status-pages/${page.id}/incidents`, {
    title: "Checkout errors for some customers",
    body: "We are **investigating** failed payments at checkout.",
    components: [{ componentId: components[0].id, status: "partial_outage" }],
  });
  await api(`/api/status-pages/${page.id}/incidents/${incident.id}/updates`, {
    phase: "identified",
    body: "A bad configuration push; we are rolling it back.",
    components: [{ componentId: components[0].id, status: "degraded_performance" }],
  });
  const pageUrl = `${app.base}/status/acme`;
  const check = await fetch(pageUrl);
  if (!check.ok || !(await check.text()).includes("Checkout errors"))
    throw new Error("the page does not render");

  const run = (url: string) => cannon({ url, connections: CONNECTIONS, duration: SECONDS });
  await cannon({ url: `${app.base}/api/health`, connections: CONNECTIONS, amount: WARM_UP_REQUESTS });
  await cannon({ url: pageUrl, connections: CONNECTIONS, amount: WARM_UP_REQUESTS });
  const health = await run(`${app.base}/api/health`);
  const alone = await run(pageUrl);

  // The storm: critical alerts on ever new keys, as many as the server takes, for the whole window.
  let key = 0;
  const stormBody = () =>
    JSON.stringify({
      routing_key: db.secret,
      event_action: "trigger",
      dedup_key: `bench-status-${key++}`,
      payload: { summary: `Storm ${key}`, source: "bench", severity: "critical", component: "checkout-api" },
    });
  const storm = cannon({
    url: `${app.base}${PD}`,
    connections: CONNECTIONS,
    duration: SECONDS * 2 + 2,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [{ method: "POST", path: PD, setupRequest: (r: object) => ({ ...r, body: stormBody() }) }],
  } as never);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const healthInStorm = await run(`${app.base}/api/health`);
  const pageInStorm = await run(pageUrl);
  const stormResult = await storm;

  const rows = [
    ratioRow(
      "status page vs health",
      alone.requests.average,
      "req/s",
      "health req/s",
      health.requests.average,
      "≥ 0.8",
    ),
    ratioRow(
      "status page during an alert storm vs health during it",
      pageInStorm.requests.average,
      "req/s",
      "health req/s",
      healthInStorm.requests.average,
      "≥ 0.8",
    ),
    ratioRow(
      "status page during an alert storm vs alone",
      pageInStorm.requests.average,
      "req/s",
      "page req/s",
      alone.requests.average,
      "≥ 0.8",
    ),
  ];
  console.log(`machine: ${os.cpus().length} cores · ${SECONDS}s per run · c=${CONNECTIONS} · PostgreSQL`);
  console.log(`GET /api/health                 ${summary(health)}`);
  console.log(`GET /status/acme                ${summary(alone)}`);
  console.log(`during the storm: health        ${summary(healthInStorm)}`);
  console.log(`during the storm: /status/acme  ${summary(pageInStorm)}`);
  console.log(`the storm (PagerDuty v2)        ${summary(stormResult)}`);
  printRows(rows);
  writeReport({ name: "status-page", rows });
} finally {
  await stop?.();
  await db.drop();
}
