// Benchmark: paging (issue 23), against the same server's PagerDuty-v2 ingest measured in the same run.
//
//   npm run build && npm run bench:paging [-- --json <file>]   (needs the local PostgreSQL)
//   BENCH_JOBS_WORKER=1 runs the job workers in their own process (scripts/jobs-worker.ts).
//
// 1. Alert in → first mail accepted by a real SMTP server (smtp-server in this process): critical
//    alerts (each opens a page) at RATE/s for SECONDS, each its own dedup key; p50 / p99 of "POST sent"
//    → "DATA accepted", against the ingest latency of warning alerts (no page) sent the same way.
// 2. Ingest throughput with paging on (critical) against off (warning): autocannon, c=20, fixed amount.
// 3. PAGES pages whose next step is made due at one instant: the worst and p99 lateness of their
//    escalation (page_log) after that instant.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { benchDatabase, cannon, printRows, ratioRow, startApp, writeReport } from "./support";

const PORT = Number(process.env.BENCH_PORT ?? 3371);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_THROUGHPUT_EVENTS ?? 3000);
const PD = "/api/integrations/pagerduty/v2/enqueue";

// The SMTP server: when each mail's DATA was accepted, by the dedup key in its subject.
const accepted = new Map<string, number>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const key = /\[(bench-[^\]]+)\]/.exec(mail.subject ?? "")?.[1];
        if (key && !accepted.has(key)) accepted.set(key, performance.now());
        callback();
      })
      .catch(callback);
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as { port: number }).port;
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
};

const db = await benchDatabase("im_bench_paging");
let stop: (() => Promise<void>) | undefined;
const sql = postgres(db.url, { max: 2, onnotice: () => {} });
try {
  const app = await startApp(db.url, PORT);
  stop = app.stop;
  const auth = { "content-type": "application/json", authorization: `Bearer ${db.secret}` };
  // One person with a verified mail, on a default policy: every critical alert pages them.
  await sql`insert into users (id, name, email, role) values ('user_bench', 'Bench Responder', 'bench@example.com', 'responder')`;
  await sql`insert into contact_methods (id, user_id, type, label, address, verified_at, created_at)
    values ('cm_bench', 'user_bench', 'email', 'Work', 'bench@example.com', now(), now())`;
  const policy = await fetch(`${app.base}/api/escalation-policies`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({
      name: "Bench",
      isDefault: true,
      steps: [
        { delayMinutes: 60, targets: [{ type: "user", userId: "user_bench" }] },
        { delayMinutes: 60, targets: [{ type: "user", userId: "user_bench" }] },
      ],
    }),
  });
  if (policy.status !== 201) throw new Error(`policy: ${policy.status} ${await policy.text()}`);

  const event = (key: string, severity: "critical" | "warning") =>
    JSON.stringify({
      routing_key: db.secret,
      event_action: "trigger",
      dedup_key: key,
      payload: {
        summary: `Checkout errors [${key}]`,
        source: "bench",
        severity,
        component: "checkout-api",
        group: "production",
      },
    });
  const post = async (key: string, severity: "critical" | "warning") => {
    const started = performance.now();
    const res = await fetch(`${app.base}${PD}`, {
      method: "POST",
      headers: auth,
      body: event(key, severity),
    });
    await res.arrayBuffer();
    if (res.status !== 202) throw new Error(`ingest ${res.status}`);
    return { started, ms: performance.now() - started };
  };
  /** RATE requests a second for SECONDS, each with its own key; answers per-key send time and latency. */
  const paced = async (prefix: string, severity: "critical" | "warning") => {
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const inflight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < RATE * SECONDS; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const key = `${prefix}-${i}`;
      inflight.push(
        post(key, severity).then(({ started, ms }) => {
          sent.set(key, started);
          latencies.push(ms);
        }),
      );
    }
    await Promise.all(inflight);
    return { sent, latencies };
  };

  // Warm-up of both paths (route modules, pools, the mail transport) outside the measurement.
  for (let i = 0; i < 200; i++) await post(`bench-warm-w-${i}`, "warning");
  for (let i = 0; i < 50; i++) await post(`bench-warm-c-${i}`, "critical");

  const baseline = await paced("bench-off", "warning");
  const paging = await paced("bench-on", "critical");
  const deadline = performance.now() + 60_000;
  while ([...paging.sent.keys()].some((k) => !accepted.has(k)) && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  const toMail = [...paging.sent].flatMap(([key, at]) =>
    accepted.has(key) ? [accepted.get(key)! - at] : [],
  );
  const missing = paging.sent.size - toMail.length;
  // Where the time goes, per mail (ms, p50 / p99): the event's commit → the consumer's mail job
  // (dispatch), → a mail worker took it (queue wait), → sent (SMTP).
  const stages = await sql`
    select extract(epoch from (j.created_on - p.created_at)) * 1000 as dispatch,
           extract(epoch from (j.started_on - j.created_on)) * 1000 as wait,
           extract(epoch from (j.completed_on - j.started_on)) * 1000 as send
    from pages p
    join mail_messages m on m.thread = 'page:' || p.id
    join pgboss.job j on j.name = 'mail.send' and j.data->>'mailId' = m.id
    where p.title like '%bench-on-%' and j.state = 'completed'`;
  const stage = (name: "dispatch" | "wait" | "send") => {
    const xs = stages.map((r) => Number(r[name]));
    return `${name} ${pct(xs, 50).toFixed(0)} / ${pct(xs, 99).toFixed(0)}`;
  };
  const breakdown = `stages over ${stages.length} mails (ms, p50 / p99): ${stage("dispatch")}, ${stage("wait")}, ${stage("send")}`;

  // 1,000 pages due at one instant: open them, wait for step 1, then make every step-2 timer due at T.
  for (let i = 0; i < PAGES; i += 50)
    await Promise.all(
      Array.from({ length: Math.min(50, PAGES - i) }, (_, j) => post(`bench-esc-${i + j}`, "critical")),
    );
  const stepOneDone = performance.now() + 120_000;
  while (performance.now() < stepOneDone) {
    const [{ n }] =
      await sql`select count(*)::int as n from pages where title like '%bench-esc-%' and escalation_seq >= 2`;
    if (n >= PAGES) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const [{ t }] = await sql`select (now() + interval '5 seconds') as t`;
  const esc = sql`select id from pages where title like '%bench-esc-%'`;
  await sql`update pgboss.job set start_after = ${t} where name = 'paging.escalate' and state = 'created' and data->>'pageId' in (${esc})`;
  await sql`update pages set next_escalation_at = ${t} where id in (${esc})`;
  const escalated = async () =>
    (
      await sql`select count(*)::int as n from page_log where kind = 'page_escalated' and at >= ${t} and page_id in (${esc})`
    )[0].n as number;
  const waitUntil = performance.now() + 180_000;
  while ((await escalated()) < PAGES && performance.now() < waitUntil)
    await new Promise((resolve) => setTimeout(resolve, 500));
  const late = (
    await sql`select extract(epoch from (at - ${t}::timestamptz)) * 1000 as ms from page_log where kind = 'page_escalated' and at >= ${t} and page_id in (${esc})`
  ).map((r) => Number(r.ms));

  // Throughput: the same fixed number of events, paging on and off, c=20.
  const throughput = async (severity: "critical" | "warning") => {
    let n = 0;
    const requests = [
      {
        method: "POST" as const,
        path: PD,
        headers: auth,
        setupRequest: (r: { body?: string }) => ({
          ...r,
          body: event(`bench-tp-${severity}-${n++}`, severity),
        }),
      },
    ];
    const started = performance.now();
    const result = await cannon({
      url: app.base,
      connections: 20,
      amount: THROUGHPUT_EVENTS,
      requests,
    } as never);
    return (result["2xx"] / (performance.now() - started)) * 1000;
  };
  const rateOff = await throughput("warning");
  const rateOn = await throughput("critical");

  await stop();
  stop = undefined;

  const rows = [
    ratioRow(
      `alert → first mail accepted, p50 (${RATE}/s, ${SECONDS}s)`,
      pct(toMail, 50),
      "ms",
      "ingest p50 alone",
      pct(baseline.latencies, 50),
      "≤ 100",
    ),
    ratioRow(
      `alert → first mail accepted, p99 (${RATE}/s, ${SECONDS}s)`,
      pct(toMail, 99),
      "ms",
      "1 s goal",
      1000,
      "≤ 1",
    ),
    ratioRow(
      "ingest throughput with paging on (c=20)",
      rateOn,
      "req/s",
      "paging off req/s",
      rateOff,
      "≥ 0.8",
    ),
    ratioRow(
      `${PAGES} pages due at once: worst escalation lateness`,
      Math.max(...late),
      "ms",
      "2 s goal",
      2000,
      "≤ 1",
    ),
  ];
  console.log(
    `paced: ${paging.sent.size} critical alerts, ${toMail.length} mails accepted (${missing} missing); ingest p50/p99 with paging ${pct(paging.latencies, 50).toFixed(1)} / ${pct(paging.latencies, 99).toFixed(1)} ms`,
  );
  console.log(
    `escalation lateness over ${late.length} pages: p50 ${pct(late, 50).toFixed(0)} ms, p99 ${pct(late, 99).toFixed(0)} ms`,
  );
  console.log(breakdown);
  printRows(rows);
  writeReport({ name: "paging", rows });
  if (missing > 0 || late.length < PAGES) process.exitCode = 1;
} finally {
  await stop?.();
  await sql.end();
  await db.drop();
  smtp.close();
}
