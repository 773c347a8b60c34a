// Benchmark: status-page fan-out (issue 24). One public update to SUBSCRIBERS confirmed subscribers,
// the job workers in their own process (scripts/jobs-worker.ts, as `npm run worker` runs them), a real
// SMTP server (smtp-server, in this process) receiving: the time from the publication's commit to the
// last subscriber's mail accepted, against the 60 s goal, and the duplicates (must be 0).
//
//   npm run bench:status-fanout [-- --json <file>]   (needs the local PostgreSQL; no build needed)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { type BenchRow, benchDatabase, printRows, ratioRow, writeReport } from "./support";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const GOAL_MS = 60_000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);

// Each accepted DATA by recipient: a second one for the same address is a duplicate.
const received = new Map<string, number>();
let accepted = 0;
let lastAt = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  disableReverseLookup: true,
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on("end", () => {
      for (const rcpt of session.envelope.rcptTo)
        received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1);
      accepted++;
      lastAt = performance.now();
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;

const bench = await benchDatabase("im_bench_status_fanout", "admin");
const sql = postgres(bench.url, { max: 2, onnotice: () => {} });
const worker = spawn("./node_modules/.bin/tsx", ["scripts/jobs-worker.ts"], {
  env: { ...process.env, DATABASE_URL: bench.url, SMTP_URL: smtpUrl },
  stdio: ["ignore", "pipe", "pipe"],
});
const logs: string[] = [];
worker.stdout?.on("data", (d) => logs.push(String(d)));
worker.stderr?.on("data", (d) => logs.push(String(d)));
try {
  const { getDb, closeDb } = await import("@/db/client");
  const { createStatusPage } = await import("@/lib/status-pages/create-status-page");
  const { createComponent } = await import("@/lib/status-pages/create-component");
  const { publishPublicIncident } = await import("@/lib/status-pages/publish-public-incident");
  const db = await getDb();
  const actor = { type: "system", name: "bench", role: "admin" } as const;
  const page = await createStatusPage(db, actor, { name: "Bench", slug: "bench" });
  const component = await createComponent(db, actor, page.id, { name: "API" });
  // Confirmed subscribers straight into the table (the opt-in is not what is measured): every
  // component, a unique address each; their token hashes are random, so the fan-out's first mail
  // also sets each one's derived unsubscribe token (the worst case).
  const rows = Array.from({ length: SUBSCRIBERS }, (_, i) => ({
    id: `sps_bench${String(i).padStart(6, "0")}`,
    page_id: page.id,
    email: `subscriber${i}@example.com`,
    status: "confirmed",
    unsubscribe_token_hash: randomBytes(32).toString("hex"),
    created_at: new Date(),
    confirmed_at: new Date(),
  }));
  for (let i = 0; i < rows.length; i += 2000)
    await sql`insert into status_page_subscribers ${sql(rows.slice(i, i + 2000))}`;
  for (let i = 0; i < 100 && !logs.join("").includes("job workers started"); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));

  const start = performance.now();
  const published = await publishPublicIncident(db, actor, page.id, {
    title: "API errors",
    body: "We are investigating **elevated error rates**.",
    components: [{ componentId: component.id, status: "partial_outage" }],
  });
  while (received.size < SUBSCRIBERS && performance.now() - start < TIMEOUT_MS)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const allMs = lastAt - start;
  // A late duplicate (a redelivered job) would arrive after the last first mail: wait a little for it.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const duplicates = accepted - received.size;
  const [mails] = await sql<{ total: number; sent: number }[]>`select count(*)::int as total,
    count(*) filter (where status = 'sent')::int as sent from mail_messages where dedupe_key like 'status-update:%'`;
  const rowsOut: BenchRow[] = [
    ratioRow("time until all subscribers' mails accepted", allMs, "ms", "goal (ms)", GOAL_MS, "≤ 1"),
    {
      metric: "duplicate mails (SMTP DATA beyond one per recipient)",
      value: duplicates,
      unit: "mails",
      baseline: "goal",
      baselineValue: 0,
      ratio: duplicates,
      goal: "≤ 0",
      pass: duplicates === 0,
    },
  ];
  if (received.size < SUBSCRIBERS) rowsOut[0].pass = false;
  console.log(
    `${SUBSCRIBERS} subscribers, ${received.size} distinct recipients accepted, ${accepted} DATA, mail rows ${mails.total} (${mails.sent} sent), public incident ${published.id}`,
  );
  printRows(rowsOut);
  writeReport({ name: "status-fanout", rows: rowsOut });
  await closeDb();
  if (received.size < SUBSCRIBERS) console.error(logs.join("").slice(-4000));
} finally {
  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  await sql.end();
  await bench.drop();
  smtp.close();
}
