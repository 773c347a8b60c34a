// Read path at scale: the list, detail and metrics pages and API at 10k vs 1M incidents, over HTTP.
//
//   npm run build && npm run bench:scale [-- --json out.json]      (local PostgreSQL; TEST_PG_URL, SCALE_PORT)
//
// For each shape of history (bench/scale-data.ts: "spread" = 50 a day going back 55 years, "dense" =
// all in the last 12 months) builds two throw-away PostgreSQL databases, one with the first 10k
// incidents of the history and one with the first 1M, starts the built app (`next start`) on each, and
// measures both side by side: every sample of one is followed by the same request to the other, so
// both see the same machine (a 10k phase measured minutes before the 1M phase, on a machine shared with
// others and on a server that had just absorbed the 1M load's background work, moved ratios by ±0.4).
// Server time = the median latency of sequential requests on one keep-alive connection per server on
// loopback (high-resolution clock, to the end of the body), so it includes Node's rendering, every
// streamed part and every database round trip but no network; TTFB = time to the response headers of
// a page (fetch, median of 15). The machine is shared: compare the ratios of one run.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import http from "node:http";
import postgres from "postgres";
import { type BenchRow, writeReport } from "./support";
import { finishLoad, loadIncidents, prepareCatalog, type Shape } from "./scale-data";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.SCALE_PORT ?? 3380);
const SIZES = [10_000, 1_000_000] as const;
// SCALE_SHAPES=dense runs one shape; SCALE_KEEP=1 keeps the databases (for EXPLAIN) and prints their names.
const SHAPES = (process.env.SCALE_SHAPES?.split(",") ?? ["spread", "dense"]) as Shape[];
const KEEP = process.env.SCALE_KEEP === "1";
const CHUNK = 100_000;

if (!existsSync(".next/BUILD_ID")) {
  console.error("No build: run `npm run build` first.");
  process.exit(1);
}

const prefix = `im_scale_${randomBytes(4).toString("hex")}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
type Target = { key: string; label: string; path: string; page?: boolean; goalMs: number };
const targets = (incidentId: string): Target[] => [
  { key: "list", label: "list API, first page", path: "/api/dashboard/incidents", goalMs: 100 },
  {
    key: "list-status",
    label: "list API, status=investigating,mitigated",
    path: "/api/dashboard/incidents?status=investigating,mitigated",
    goalMs: 100,
  },
  {
    key: "list-service",
    label: "list API, service=svc-17",
    path: "/api/dashboard/incidents?service=svc-17",
    goalMs: 100,
  },
  {
    key: "list-date",
    label: "list API, 30 days from 90 days ago",
    path: `/api/dashboard/incidents?from=${day(90)}&to=${day(60)}`,
    goalMs: 100,
  },
  {
    key: "list-all",
    label: "list API, status+service+date",
    path: `/api/dashboard/incidents?status=resolved&service=svc-17&from=${day(90)}&to=${day(60)}`,
    goalMs: 100,
  },
  {
    key: "metrics",
    label: "metrics API, last 30 days",
    path: "/api/dashboard/incidents/metrics",
    goalMs: 100,
  },
  {
    key: "metrics-90",
    label: "metrics API, last 90 days",
    path: "/api/dashboard/incidents/metrics?range=90d",
    goalMs: 200,
  },
  { key: "page-list", label: "/incidents page", path: "/incidents", page: true, goalMs: 150 },
  {
    key: "page-detail",
    label: "/incidents/[id] page",
    path: `/incidents/${incidentId}`,
    page: true,
    goalMs: 150,
  },
  {
    key: "page-metrics",
    label: "/incidents/metrics page",
    path: "/incidents/metrics",
    page: true,
    goalMs: 150,
  },
  {
    key: "page-metrics-90",
    label: "/incidents/metrics?range=90d page",
    path: "/incidents/metrics?range=90d",
    page: true,
    goalMs: 200,
  },
];

/** One history loaded in its own database, served by its own `next start`. */
type Side = {
  db: string;
  base: string;
  agent: http.Agent;
  api: Record<string, string>;
  pages: Record<string, string>;
  server: ReturnType<typeof spawn>;
  newest: string;
};
const sides: Side[] = [];
const results: Record<string, { ms: number; ttfb?: number }> = {};

// One keep-alive connection per server, one request at a time, each timed to the end of its body with
// the high-resolution clock: autocannon reports whole milliseconds, which made 2 → 3 ms read as 1.5×.
function timedRequest(side: Side, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(`${side.base}${path}`, { agent: side.agent, headers }, (response) => {
      response.on("data", () => {});
      response.on("end", () =>
        response.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`${path}: ${response.statusCode}`)),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Median server time (ms) of each side, their requests alternating, over at least 2 s and 5 pairs. */
async function serverTimes(path: (side: Side) => string, headers: (side: Side) => Record<string, string>) {
  const samples: number[][] = sides.map(() => []);
  const started = performance.now();
  while (samples[0].length < 5 || (performance.now() - started < 2000 && samples[0].length < 1000)) {
    for (const [k, side] of sides.entries())
      samples[k].push(await timedRequest(side, path(side), headers(side)));
  }
  return samples.map(median);
}

/** Median time to the response headers of each side (15 alternating requests each). */
async function ttfbs(path: (side: Side) => string, headers: (side: Side) => Record<string, string>) {
  const samples: number[][] = sides.map(() => []);
  for (let i = 0; i < 15; i++) {
    for (const [k, side] of sides.entries()) {
      const started = performance.now();
      const response = await fetch(`${side.base}${path(side)}`, {
        headers: headers(side),
        redirect: "manual",
      });
      samples[k].push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${path(side)}: ${response.status}`);
      await response.arrayBuffer();
    }
  }
  return samples.map(median);
}

/** A database with the first `size` incidents of the shape, a viewer's token and session, and a server on it. */
async function openSide(shape: Shape, size: number, port: number): Promise<Side> {
  const db = `${prefix}_${shape}_${size}`;
  await admin.unsafe(`CREATE DATABASE ${db}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb } = await import("@/db/client");
  const { createUser } = await import("@/lib/users/create-user");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { getAuth } = await import("@/lib/auth/auth");
  const handle = await getDb(); // applies the migrations
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await prepareCatalog(sql);
    const started = performance.now();
    for (let from = 1; from <= size; from += CHUNK)
      await loadIncidents(sql, shape, from, Math.min(size, from + CHUNK - 1));
    await finishLoad(sql);
    console.log(
      `${shape}: ${size.toLocaleString("en-US")} incidents loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const system = { type: "system", name: "bench", role: "admin" } as const;
    const password = randomBytes(12).toString("base64url");
    await createUser(handle, system, {
      email: "bench@bench.example",
      name: "Bench",
      role: "viewer",
      password,
    });
    const token = (await createApiToken(handle, system, { name: "bench", role: "viewer" })).secret;
    // A session cookie from better-auth itself (no browser needed): the server signs with the same
    // secret, kept in the database.
    const signedIn = await (
      await getAuth()
    ).api.signInEmail({ body: { email: "bench@bench.example", password }, returnHeaders: true });
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const [newest] = await sql`select id from incidents order by created_at desc, id desc limit 1`;
    const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: url.toString(), NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
    const base = `http://127.0.0.1:${port}`;
    return {
      db,
      base,
      agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      api: { authorization: `Bearer ${token}` },
      pages: { cookie },
      server,
      newest: newest.id,
    };
  } finally {
    await sql.end();
    await closeDb();
  }
}

async function closeSides() {
  for (const side of sides.splice(0)) {
    side.agent.destroy();
    side.server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    if (KEEP) console.log(`kept database ${side.db}`);
    else await admin.unsafe(`DROP DATABASE IF EXISTS ${side.db} WITH (FORCE)`);
  }
}

try {
  for (const shape of SHAPES) {
    for (const [k, size] of SIZES.entries()) sides.push(await openSide(shape, size, PORT + k));
    for (const side of sides) {
      for (
        let i = 0;
        i < 240 &&
        !(await fetch(`${side.base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false));
        i++
      )
        await new Promise((r) => setTimeout(r, 250));
    }
    const path = (target: Target) => (side: Side) =>
      targets(side.newest).find((t) => t.key === target.key)!.path;
    const headers = (target: Target) => (side: Side) => (target.page ? side.pages : side.api);
    // Warm-up: the first requests pay for JIT, plan caches and cold buffers.
    for (const target of targets(""))
      for (let i = 0; i < 5; i++)
        for (const side of sides) await timedRequest(side, path(target)(side), headers(target)(side));
    for (const target of targets("")) {
      const ms = await serverTimes(path(target), headers(target));
      const ttfb = target.page ? await ttfbs(path(target), headers(target)) : undefined;
      SIZES.forEach(
        (size, k) => (results[`${shape}:${size}:${target.key}`] = { ms: ms[k], ttfb: ttfb?.[k] }),
      );
    }
    await closeSides();
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
      rows.push({
        metric: `${label}, server time 1M vs 10k`,
        value: round(large.ms),
        unit: "ms",
        baseline: `same at 10k`,
        baselineValue: round(small.ms),
        ratio,
        goal: "≤ 1.5",
        pass: ratio <= 1.5 || large.ms <= 2,
      });
      const absolute = target.page ? (large.ttfb ?? large.ms) : large.ms;
      rows.push({
        metric: `${label}, ${target.page ? "TTFB" : "server time"} at 1M`,
        value: round(absolute),
        unit: "ms",
        baseline: "goal",
        baselineValue: target.goalMs,
        ratio: Math.round((absolute / target.goalMs) * 100) / 100,
        goal: `< ${target.goalMs} ms`,
        pass: absolute < target.goalMs,
      });
      console.log(
        `${label.padEnd(48)} ${`${round(small.ms)} ms`.padStart(8)} ${`${round(large.ms)} ms`.padStart(8)}  ${ratio.toFixed(2).padStart(5)}x  ${target.page ? `TTFB ${round(large.ttfb!)} ms` : ""} (< ${target.goalMs} ms)`,
      );
    }
  }
  writeReport({ name: "scale", rows });
  const failed = rows.filter((r) => !r.pass);
  console.log(
    `\n${rows.length - failed.length}/${rows.length} within their goals${failed.length ? `; over: ${failed.map((r) => r.metric).join("; ")}` : ""}`,
  );
} finally {
  await closeSides();
  await admin.end();
}
