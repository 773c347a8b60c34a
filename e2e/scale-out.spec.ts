import { insertResponderToken } from "./support/api-token";
import { expect, test } from "./support/test";
import postgres from "postgres";
import { randomBytes } from "node:crypto";
import { startReceiver } from "@/tests/support/webhook-receiver";
import { verifyStandardWebhook } from "@/tests/support/verify-standard-webhook";
import { pgServers } from "./support/pg-servers";

// The servers inherit this: they may deliver webhooks to the test's receiver on 127.0.0.1.
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "1";

// The scale-out path: two `next start` processes on one PostgreSQL keep IDs gapless and
// optimistic concurrency exact.
// Next to the main e2e server's port, so parallel runs on other ports do not collide.
const BASE = Number(process.env.E2E_PORT ?? 3210);
const PORTS = [BASE + 11, BASE + 12];
const cluster = pgServers(PORTS);
let authorization = "";

test.beforeAll(async () => {
  // Both start at once: the migration advisory lock must let exactly one apply the migrations.
  await cluster.start();
  // A responder API token, as an admin would create it (the scale-out database has no demo users).
  authorization = await insertResponderToken(cluster.databaseUrl, "tok_scale", "scale-out");
});

test.afterAll(() => cluster.stop());

const declare = (port: number, n: number) =>
  fetch(`http://127.0.0.1:${port}/api/dashboard/incidents`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify({
      title: `Concurrent declaration ${n}`,
      severity: "SEV3",
      services: ["search-api"],
      environment: "production",
    }),
  });

test("100 concurrent declarations across two servers get 100 gapless IDs", async () => {
  const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => declare(PORTS[n % 2], n)));
  expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));
  const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
  const year = new Date().getUTCFullYear();
  const expected = Array.from({ length: 100 }, (_, i) => `INC-${year}-${String(i + 1).padStart(4, "0")}`);
  expect([...ids].sort()).toEqual(expected);
});

test("two PATCHes with the same If-Match on different servers: exactly one 412", async () => {
  const created = await (await declare(PORTS[0], 1000)).json();
  const etag = '"' + created.version + '"';
  const patch = (port: number, severity: string) =>
    fetch(`http://127.0.0.1:${port}/api/dashboard/incidents/${created.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "if-match": etag, authorization },
      body: JSON.stringify({ severity }),
    });
  const [a, b] = await Promise.all([patch(PORTS[0], "SEV1"), patch(PORTS[1], "SEV2")]);
  expect([a.status, b.status].sort()).toEqual([200, 412]);
  const loser = a.status === 412 ? a : b;
  expect(loser.headers.get("content-type")).toBe("application/problem+json");
  const timeline = await (
    await fetch(`http://127.0.0.1:${PORTS[1]}/api/dashboard/incidents/${created.id}/timeline`, {
      headers: { authorization },
    })
  ).json();
  expect(timeline.items.filter((e: { kind: string }) => e.kind === "severity_changed")).toHaveLength(1);
});

test("one alert key hammered on both servers: one alert, and the seed's workflow declares one incident", async () => {
  const post = (port: number, path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify(body),
    });
  const workflow = await post(PORTS[0], "/api/workflows", {
    name: "Critical payments page",
    trigger: "alert_fired",
    condition: "severity = critical AND service in [payment-service, checkout-api]",
    actions: [{ type: "create_incident", severity: "SEV1" }],
    enabled: true,
  });
  expect(workflow.status).toBe(201);
  const alert = {
    title: "Checkout 5xx above 5%",
    service: "checkout-api",
    environment: "production",
    severity: "critical",
    status: "firing",
    dedupKey: "scale-out-checkout-5xx",
  };
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, n) => post(PORTS[n % 2], "/api/alerts", alert)),
  );
  expect(answers.every((a) => a.status >= 200 && a.status < 300)).toBe(true);

  const list = (port: number, path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization } }).then((r) => r.json());
  const alerts = await list(PORTS[1], "/api/alerts?status=firing");
  const ours = alerts.items.filter((a: { dedupKey: string }) => a.dedupKey === alert.dedupKey);
  expect(ours).toHaveLength(1);
  expect(ours[0].fireCount).toBe(100);

  // Both servers run workers; the alert.fired event is dispatched once, so one SEV1 appears.
  const sev1 = async () =>
    (await list(PORTS[0], "/api/dashboard/incidents?severity=SEV1")).items.filter(
      (i: { title: string }) => i.title === alert.title,
    );
  await expect.poll(sev1, { timeout: 30_000 }).toHaveLength(1);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(await sev1()).toHaveLength(1);
});

test("webhooks: each event is delivered exactly once, signed, with two instances working the queue", async () => {
  const receiver = await startReceiver();
  try {
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const db = postgres(cluster.databaseUrl, { max: 1, onnotice: () => {} });
    await db`insert into webhook_subscriptions (id, url, events, format, description, secret, created_by, created_at, updated_at)
      values ('wh_scale', ${receiver.url("/scale")}, ${db.json(["incident.declared"])}, 'standard', 'scale-out', ${secret}, 'test', now(), now())`;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => declare(PORTS[n % 2], 5000 + n)));
    const ids: string[] = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { id: string }).id),
    );
    const settled = async () =>
      (
        await db`select count(*)::int as n from webhook_deliveries where subscription_id = 'wh_scale' and status = 'succeeded'`
      )[0].n as number;
    await expect.poll(settled, { timeout: 60_000 }).toBe(20);
    // Nothing further queued or running that could still send a duplicate.
    const open =
      await db`select count(*)::int as n from pgboss.job where name = 'webhooks.deliver' and state in ('created', 'retry', 'active')`;
    expect(open[0].n).toBe(0);
    await db.end();
    const received = receiver.received.filter((r) => r.path === "/scale");
    expect(received).toHaveLength(20);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(20);
    expect(received.map((r) => JSON.parse(r.body).data.incident.id).sort()).toEqual([...ids].sort());
    for (const request of received)
      expect(verifyStandardWebhook(secret, request.headers, request.body)).toBe(true);
  } finally {
    await receiver.close();
  }
});
