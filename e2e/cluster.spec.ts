import { insertResponderToken } from "./support/api-token";
import { expect, test } from "./support/test";
import postgres from "postgres";
import { findNginx } from "../scripts/cluster/ensure-nginx";
import { type Cluster, startCluster } from "../scripts/cluster/start-cluster";
import { randomBytes } from "node:crypto";
import { startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";
import { privatePostgres } from "./support/private-postgres";

// Two `next start` instances behind nginx (the `npm run cluster` setup) on a PostgreSQL server of
// this suite's own, so it can be stopped under load without touching the shared one.
// Ports next to the main e2e server's, like e2e/scale-out.spec.ts.
const BASE = Number(process.env.E2E_PORT ?? 3210);
const PROXY_PORT = BASE + 21;
const pg = privatePostgres(Number(process.env.E2E_CLUSTER_PG_PORT ?? 5441));
const logs: string[] = [];
let cluster: Cluster;
let sql: postgres.Sql;
let authorization = "";
const year = new Date().getUTCFullYear();

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is missing: apt-get install -y nginx-light (or set NGINX_PATH)");
  pg.init();
  pg.start();
  const admin = postgres(pg.url(), { max: 1, onnotice: () => {} });
  await admin`create database incidents`;
  // The replica stand-in: the same server through a role that can only read, so a write routed to
  // DATABASE_READ_URL would fail instead of passing unnoticed.
  await admin`create role im_reader login`;
  await admin`grant pg_read_all_data to im_reader`;
  await admin`alter role im_reader set default_transaction_read_only = on`;
  await admin.end();
  cluster = await startCluster({
    nginx,
    databaseUrl: pg.url("postgres", "incidents"),
    instances: 2,
    proxyPort: PROXY_PORT,
    nginxWorkers: 1,
    // The webhook test's receiver listens on 127.0.0.1.
    env: {
      DATABASE_READ_URL: pg.url("im_reader", "incidents"),
      DATABASE_POOL_SIZE: "5",
      JOBS_STOP_TIMEOUT_MS: "5000",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    },
    log: (source, text) => logs.push(`[${source}] ${text}`),
  });
  sql = postgres(pg.url("postgres", "incidents"), { max: 2, onnotice: () => {} });
  authorization = await insertResponderToken(pg.url("postgres", "incidents"), "tok_cluster", "cluster");
});

test.afterAll(async () => {
  await sql?.end();
  await cluster?.stop(10_000);
  pg.destroy();
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach("cluster.log", { body: logs.join(""), contentType: "text/plain" });
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${cluster.url}${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      authorization,
      ...(init.headers as Record<string, string>),
    },
  });
const declare = (n: number) =>
  api("/api/dashboard/incidents", {
    method: "POST",
    body: JSON.stringify({
      title: `Cluster declaration ${n}`,
      severity: "SEV3",
      services: ["search-api"],
      environment: "production",
    }),
  });
const numbers = async () =>
  (await sql<{ n: number }[]>`select seq as n from incidents order by seq`).map((r) => Number(r.n));
const gapless = (list: number[]) => list.every((n, i) => n === i + 1);

test("concurrent declarations through nginx get gapless IDs; lists read from the replica pool", async () => {
  const answers = await Promise.all(Array.from({ length: 60 }, (_, n) => declare(n)));
  expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
  const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
  expect([...ids].sort()).toEqual(
    Array.from({ length: 60 }, (_, i) => `INC-${year}-${String(i + 1).padStart(4, "0")}`),
  );

  const list = await api("/api/dashboard/incidents?limit=5");
  expect(list.status).toBe(200);
  expect((await list.json()).items).toHaveLength(5);
  const readers =
    await sql`select count(*)::int as n from pg_stat_activity where usename = 'im_reader' and application_name = 'incident-manager-read'`;
  expect(readers[0].n).toBeGreaterThan(0);
});

test("two PATCHes with the same If-Match through nginx: exactly one 412", async () => {
  const created = await (await declare(1000)).json();
  const patch = (severity: string) =>
    api(`/api/dashboard/incidents/${created.id}`, {
      method: "PATCH",
      headers: { "if-match": `"${created.version}"` },
      body: JSON.stringify({ severity }),
    });
  const answers = await Promise.all([patch("SEV1"), patch("SEV2"), patch("SEV1"), patch("SEV2")]);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412]);
  expect(answers.find((a) => a.status === 412)!.headers.get("content-type")).toBe("application/problem+json");
});

test("one alert key hammered through nginx: one alert, and the workflow job declares one incident", async () => {
  const workflow = await api("/api/workflows", {
    method: "POST",
    body: JSON.stringify({
      name: "Critical checkout page",
      trigger: "alert_fired",
      condition: "severity = critical AND service in [checkout-api]",
      actions: [{ type: "create_incident", severity: "SEV1" }],
      enabled: true,
    }),
  });
  expect(workflow.status).toBe(201);
  const alert = {
    title: "Cluster checkout 5xx",
    service: "checkout-api",
    environment: "production",
    severity: "critical",
    status: "firing",
    dedupKey: "cluster-checkout-5xx",
  };
  const answers = await Promise.all(
    Array.from({ length: 60 }, () => api("/api/alerts", { method: "POST", body: JSON.stringify(alert) })),
  );
  expect(answers.every((a) => a.status >= 200 && a.status < 300)).toBe(true);
  const alerts = await sql`select fire_count from alerts where dedup_key = ${alert.dedupKey}`;
  expect(alerts.map((a) => Number(a.fire_count))).toEqual([60]);
  // Both instances run workers; the alert.fired event is consumed once (the consumption mark), so one SEV1.
  const sev1 = async () => (await sql`select id from incidents where title = ${alert.title}`).length;
  await expect.poll(sev1, { timeout: 30_000 }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(await sev1()).toBe(1);
});

test("webhooks through nginx: each declaration is delivered exactly once, signed, with both instances working the queue", async () => {
  const receiver = await startReceiver();
  try {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    await sql`insert into webhook_subscriptions (id, url, events, format, description, secret, created_by, created_at, updated_at)
      values ('wh_cluster', ${receiver.url("/cluster")}, ${sql.json(["incident.declared"])}, 'standard', 'cluster', ${secret}, 'test', now(), now())`;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => declare(7000 + n)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
    const settled = async () =>
      (
        await sql`select count(*)::int as n from webhook_deliveries where subscription_id = 'wh_cluster' and status = 'succeeded'`
      )[0].n as number;
    await expect.poll(settled, { timeout: 60_000 }).toBe(20);
    const open =
      await sql`select count(*)::int as n from pgboss.job where name = 'webhooks.deliver' and state in ('created', 'retry', 'active')`;
    expect(open[0].n).toBe(0);
    const received = receiver.received.filter((r) => r.path === "/cluster");
    expect(received).toHaveLength(20);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(20);
    expect(received.map((r) => JSON.parse(r.body).data.incident.id).sort()).toEqual([...ids].sort());
    for (const request of received)
      expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
  } finally {
    await sql`delete from webhook_subscriptions where id = 'wh_cluster'`;
    await receiver.close();
  }
});

test("X-Forwarded-For reaches the app through nginx (TRUST_PROXY): the sign-in limit sees the proxy's address, not a forged one", async ({
  page,
}) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.9" });
  await page.goto(`${cluster.url}/login`);
  await page.getByLabel("Email").fill("nobody-cluster@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const ips = async () =>
    (await sql`select ip from sign_in_attempts where account = 'nobody-cluster@example.com'`).map(
      (r) => r.ip,
    );
  await expect.poll(ips, { timeout: 15_000 }).toEqual(["127.0.0.1"]);
});

/** A request whose connection closed before a whole answer arrived. */
const CUT = -1;

test("SIGKILL of one instance under load: every acknowledged declaration exists and IDs stay gapless", async () => {
  const acknowledged: string[] = [];
  const statuses: number[] = [];
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const answer = await declare(10_000 + w * 1000 + i).catch(() => null);
      if (answer?.status !== 201) {
        statuses.push(answer?.status ?? CUT);
        await answer?.body?.cancel();
        continue;
      }
      // The instance can die between its 201 headers and the body: nginx then closes the connection,
      // and the client never got an answer it could act on (the row exists or not; gaplessness says).
      const body = (await answer.json().catch(() => null)) as { id: string } | null;
      statuses.push(body ? 201 : CUT);
      if (body) acknowledged.push(body.id);
    }
  };
  const workers = Array.from({ length: 6 }, (_, w) => worker(w));
  await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(20);
  const victim = cluster.instances[0];
  victim.process.kill("SIGKILL");
  await victim.exited;
  const atKill = acknowledged.length;
  await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(atKill + 40);
  stop = true;
  await Promise.all(workers);

  // A request cut off with the instance may fail (502 from nginx, or the connection closed mid-answer);
  // none is a 500, and nothing acknowledged is missing.
  expect(statuses.filter((s) => s !== 201 && s !== 502 && s !== CUT)).toEqual([]);
  const stored = new Set((await sql`select id from incidents`).map((r) => r.id as string));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  expect(gapless(await numbers())).toBe(true);
  await cluster.restart(0);
});

test("SIGTERM drains: requests in flight finish, then the instance exits 0", async () => {
  const victim = cluster.instances[1];
  const direct = (n: number) =>
    fetch(`http://127.0.0.1:${victim.port}/api/dashboard/incidents`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({
        title: `Draining ${n}`,
        severity: "SEV4",
        services: ["search-api"],
        environment: "production",
      }),
    });
  const inFlight = Array.from({ length: 10 }, (_, n) => direct(n));
  await new Promise((resolve) => setTimeout(resolve, 50));
  victim.process.kill("SIGTERM");
  const answers = await Promise.all(
    inFlight.map((p) =>
      p.then(
        (a) => a.status,
        () => 0,
      ),
    ),
  );
  expect(await victim.exited).toBe(0);
  // Requests the server had accepted are answered; any not yet accepted were refused, not half-done.
  const accepted = answers.filter((s) => s !== 0);
  expect(accepted.length).toBeGreaterThan(0);
  expect(accepted.every((s) => s === 201)).toBe(true);
  expect((await sql`select count(*)::int as n from incidents where title like 'Draining %'`)[0].n).toBe(
    accepted.length,
  );
  expect(logs.join("")).toContain("[shutdown] done");
  await cluster.restart(1);
});

test("PostgreSQL restarting under load: 503 while it is down, served again after, no app restart", async () => {
  const pids = cluster.instances.map((i) => i.process.pid);
  const statuses: number[] = [];
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const answer = await declare(50_000 + w * 1000 + i).catch(() => null);
      statuses.push(answer?.status ?? 0);
      await answer?.body?.cancel();
      if (answer?.status !== 201) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const workers = Array.from({ length: 4 }, (_, w) => worker(w));
  await expect.poll(() => statuses.filter((s) => s === 201).length, { timeout: 30_000 }).toBeGreaterThan(10);
  pg.stop();
  await expect.poll(() => statuses.filter((s) => s === 503).length, { timeout: 30_000 }).toBeGreaterThan(4);
  const before = statuses.length;
  pg.start();
  await expect
    .poll(() => statuses.slice(before).filter((s) => s === 201).length, { timeout: 60_000 })
    .toBeGreaterThan(10);
  stop = true;
  await Promise.all(workers);

  expect(statuses.filter((s) => ![201, 503].includes(s))).toEqual([]);
  expect(cluster.instances.map((i) => i.process.pid)).toEqual(pids);
  expect(cluster.instances.every((i) => i.process.exitCode === null)).toBe(true);
  const health = await fetch(`${cluster.url}/api/health`);
  expect(health.status).toBe(200);
  await sql.end();
  sql = postgres(pg.url("postgres", "incidents"), { max: 2, onnotice: () => {} });
  expect(gapless(await numbers())).toBe(true);

  // The job queue reconnected too: an alert's workflow still declares its incident.
  const alert = {
    title: "After the restart",
    service: "checkout-api",
    environment: "production",
    severity: "critical",
    status: "firing",
    dedupKey: "cluster-after-restart",
  };
  expect((await api("/api/alerts", { method: "POST", body: JSON.stringify(alert) })).status).toBeLessThan(
    300,
  );
  await expect
    .poll(async () => (await sql`select id from incidents where title = ${alert.title}`).length, {
      timeout: 60_000,
    })
    .toBe(1);
});

test("SIGKILL of every instance mid-escalation: step 2 still fires once one is back", async () => {
  test.setTimeout(300_000);
  await sql`insert into users (id, name, email, role) values
    ('user_pager1', 'Pat First', 'pat@example.com', 'responder'),
    ('user_pager2', 'Sam Second', 'sam@example.com', 'responder') on conflict do nothing`;
  // Contact methods are verified through the product in real use; here they are given as verified.
  await sql`insert into contact_methods (id, user_id, type, label, address, verified_at, created_at) values
    ('cm_pager1', 'user_pager1', 'email', 'Work', 'pat@example.com', now(), now()),
    ('cm_pager2', 'user_pager2', 'email', 'Work', 'sam@example.com', now(), now())`;
  await sql`insert into services (slug, name) values ('paging-api', 'Paging API') on conflict do nothing`;
  const policy = await api("/api/escalation-policies", {
    method: "POST",
    body: JSON.stringify({
      name: "Cluster paging",
      steps: [
        { delayMinutes: 1, targets: [{ type: "user", userId: "user_pager1" }] },
        { delayMinutes: 1, targets: [{ type: "user", userId: "user_pager2" }] },
      ],
    }),
  });
  expect(policy.status).toBe(201);
  const policyId = ((await policy.json()) as { id: string }).id;
  const paging = await api("/api/services/paging-api/paging", {
    method: "PUT",
    body: JSON.stringify({ policyId }),
  });
  expect(paging.status).toBe(200);
  const declared = await api("/api/dashboard/incidents", {
    method: "POST",
    body: JSON.stringify({
      title: "Paging through a crash",
      severity: "SEV1",
      services: ["paging-api"],
      environment: "production",
    }),
  });
  const incidentId = ((await declared.json()) as { id: string }).id;
  const mailsTo = async (to: string) =>
    (await sql`select count(*)::int as n from mail_messages where "to" = ${to}`)[0].n as number;
  // Step 1 runs at once; its timer for step 2 is queued in the database.
  await expect.poll(() => mailsTo("pat@example.com"), { timeout: 30_000 }).toBe(1);
  const [{ due }] = await sql`select next_escalation_at as due from pages where incident_id = ${incidentId}`;
  for (const instance of cluster.instances) instance.process.kill("SIGKILL");
  await Promise.all(cluster.instances.map((instance) => instance.exited));
  // Everything stays down past step 2's deadline.
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, new Date(due).getTime() - Date.now()) + 3000),
  );
  await cluster.restart(0);
  const back = Date.now();
  await expect.poll(() => mailsTo("sam@example.com"), { timeout: 60_000 }).toBe(1);
  const [{ at }] = await sql`select l.at from page_log l join pages p on p.id = l.page_id
    where p.incident_id = ${incidentId} and l.kind = 'page_escalated' order by l.id limit 1`;
  // Late by the time everything was down and the restart, plus at most the queue's polling.
  expect(new Date(at).getTime()).toBeLessThan(back + 15_000);
  expect(await mailsTo("pat@example.com")).toBe(1);
  await cluster.restart(1);
});
