// Read path at scale: the list, detail and metrics pages and API at 10k vs 1M incidents, over HTTP.
//
//   npm run build && npm run bench:scale [-- --json out.json]      (local PostgreSQL; TEST_PG_URL, SCALE_PORT)
//
// Builds a throw-away PostgreSQL database, starts the built app (`next start`) on it, and for each
// shape of history (bench/scale-data.ts: "spread" = 50 a day going back 55 years, "dense" = all in the
// last 12 months) loads 10k incidents, measures, grows the same history to 1M, measures again.
// Server time = the median latency of one client making sequential requests on one keep-alive
// connection on loopback (high-resolution clock, to the end of the body), so it includes Node's
// rendering, every streamed part and every database round trip but no network; TTFB = time to the
// response headers of a page (fetch, median of 15). The machine is shared: compare the ratios of one run.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import postgres from "postgres";
import { type BenchRow, writeReport } from "./support";
import { clearIncidents, finishLoad, loadIncidents, prepareCatalog, type Shape } from "./scale-data";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.SCALE_PORT ?? 3380);
const SIZES = [10_000, 1_000_000] as const;
// SCALE_SHAPES=dense runs one shape; SCALE_KEEP=1 keeps the database (for EXPLAIN) and prints its name.
const SHAPES = (process.env.SCALE_SHAPES?.split(",") ?? ["spread", "dense"]) as Shape[];
const KEEP = process.env.SCALE_KEEP === "1";
const CHUNK = 100_000;
const base = `http://127.0.0.1:${PORT}`;

if (!existsSync(".next/BUILD_ID")) {
  console.error("No build: run `npm run build` first.");
  process.exit(1);
}

const name = `im_scale_${randomBytes(4).toString("hex")}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
process.env.DATABASE_URL = url.toString();
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
type Target = { key: string; label: string; path: string; page?: boolean; goalMs: number };
const targets = (incidentId: string): Target[] => [
  { key: "list", label: "list API, first page", path: "/api/dashboard/incidents", goalMs: 100 },
  { key: "list-status", label: "list API, status=investigating,mitigated", path: "/api/dashboard/incidents?status=investigating,mitigated", goalMs: 100 },
  { key: "list-service", label: "list API, service=svc-17", path: "/api/dashboard/incidents?service=svc-17", goalMs: 100 },
  { key: "list-date", label: "list API, 30 days from 90 days ago", path: `/api/dashboard/incidents?from=${day(90)}&to=${day(60)}`, goalMs: 100 },
  { key: "list-all", label: "list API, status+service+date", path: `/api/dashboard/incidents?status=resolved&service=svc-17&from=${day(90)}&to=${day(60)}`, goalMs: 100 },
  { key: "metrics", label: "metrics API, last 30 days", path: "/api/dashboard/incidents/metrics", goalMs: 100 },
  { key: "metrics-90", label: "metrics API, last 90 days", path: "/api/dashboard/incidents/metrics?range=90d", goalMs: 200 },
  { key: "page-list", label: "/incidents page", path: "/incidents", page: true, goalMs: 150 },
  { key: "page-detail", label: "/incidents/[id] page", path: `/incidents/${incidentId}`, page: true, goalMs: 150 },
  { key: "page-metrics", label: "/incidents/metrics page", path: "/incidents/metrics", page: true, goalMs: 150 },
  { key: "page-metrics-90", label: "/incidents/metrics?range=90d page", path: "/incidents/metrics?range=90d", page: true, goalMs: 200 },
];

let server: ReturnType<typeof spawn> | null = null;
const results: Record<string, { ms: number; ttfb?: number }> = {};

// One keep-alive connection, one request at a time, each timed to the end of its body with the
// high-resolution clock: autocannon reports whole milliseconds, which made 2 → 3 ms read as 1.5×.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function timedRequest(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(`${base}${path}`, { agent, headers }, (response) => {
      response.on("data", () => {});
      response.on("end", () => (response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${response.statusCode}`))));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Median server time (ms, fractional) of sequential requests over at least 2 s and at least 5 requests. */
async function serverTime(path: string, headers: Record<string, string>) {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < 5 || (performance.now() - started < 2000 && samples.length < 1000)) samples.push(await timedRequest(path, headers));
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  return samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

async function ttfb(path: string, headers: Record<string, string>) {
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers, redirect: "manual" });
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  }
  return samples.sort((a, b) => a - b)[7];
}

try {
  const { getDb, closeDb } = await import("@/db/client");
  const { createUser } = await import("@/lib/users/create-user");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const db = await getDb(); // applies the migrations
  const system = { type: "system", name: "bench", role: "admin" } as const;
  await prepareCatalog(sql);
  const password = randomBytes(12).toString("base64url");
  await createUser(db, system, { email: "bench@bench.example", name: "Bench", role: "viewer", password });
  const token = (await createApiToken(db, system, { name: "bench", role: "viewer" })).secret;
  // A session cookie from better-auth itself (no browser needed): the server signs with the same
  // secret, kept in the database.
  const { getAuth } = await import("@/lib/auth/auth");
  const signedIn = await (await getAuth()).api.signInEmail({ body: { email: "bench@bench.example", password }, returnHeaders: true });
  const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  await closeDb();

  server = spawn("./node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url.toString(), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  for (let i = 0; i < 240 && !(await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 250));

  const api = { authorization: `Bearer ${token}` };
  const pages = { cookie };

  for (const shape of SHAPES) {
    await clearIncidents(sql);
    let loaded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      for (let from = loaded + 1; from <= size; from += CHUNK) await loadIncidents(sql, shape, from, Math.min(size, from + CHUNK - 1));
      await finishLoad(sql);
      loaded = size;
      console.log(`${shape}: ${size.toLocaleString("en-US")} incidents loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const [newest] = await sql`select id from incidents order by created_at desc, id desc limit 1`;
      // Warm-up: the first requests after a load pay for JIT, plan caches and cold buffers.
      for (const target of targets(newest.id)) {
        const headers = target.page ? pages : api;
        for (let i = 0; i < 5; i++) await timedRequest(target.path, headers);
      }
      for (const target of targets(newest.id)) {
        const headers = target.page ? pages : api;
        const ms = await serverTime(target.path, headers);
        results[`${shape}:${size}:${target.key}`] = { ms, ttfb: target.page ? await ttfb(target.path, headers) : undefined };
      }
    }
  }

  const rows: BenchRow[] = [];
  const round = (n: number) => Math.round(n * 10) / 10;
  console.log(`\n${"shape / path".padEnd(48)} ${"10k".padStart(8)} ${"1M".padStart(8)}  1M/10k  goal at 1M`);
  for (const shape of SHAPES) {
    for (const target of targets("")) {
      const small = results[`${shape}:${SIZES[0]}:${target.key}`];
      const large = results[`${shape}:${SIZES[1]}:${target.key}`];
      const ratio = Math.round((large.ms / small.ms) * 100) / 100;
      const label = `${shape}: ${target.label}`;
      rows.push({ metric: `${label}, server time 1M vs 10k`, value: round(large.ms), unit: "ms", baseline: `same at 10k`, baselineValue: round(small.ms), ratio, goal: "≤ 1.5", pass: ratio <= 1.5 || large.ms <= 2 });
      const absolute = target.page ? (large.ttfb ?? large.ms) : large.ms;
      rows.push({ metric: `${label}, ${target.page ? "TTFB" : "server time"} at 1M`, value: round(absolute), unit: "ms", baseline: "goal", baselineValue: target.goalMs, ratio: Math.round((absolute / target.goalMs) * 100) / 100, goal: `< ${target.goalMs} ms`, pass: absolute < target.goalMs });
      console.log(`${label.padEnd(48)} ${`${round(small.ms)} ms`.padStart(8)} ${`${round(large.ms)} ms`.padStart(8)}  ${ratio.toFixed(2).padStart(5)}x  ${target.page ? `TTFB ${round(large.ttfb!)} ms` : ""} (< ${target.goalMs} ms)`);
    }
  }
  writeReport({ name: "scale", rows });
  const failed = rows.filter((r) => !r.pass);
  console.log(`\n${rows.length - failed.length}/${rows.length} within their goals${failed.length ? `; over: ${failed.map((r) => r.metric).join("; ")}` : ""}`);
} finally {
  agent.destroy();
  server?.kill("SIGTERM");
  await sql.end();
  await new Promise((r) => setTimeout(r, 1000));
  if (KEEP) console.log(`kept database ${name}`);
  else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
