// Shared plumbing of the HTTP benchmarks: a throw-away PostgreSQL database, the built app started on
// it, autocannon, and the JSON report every bench script writes with `--json <file>` (bench/run-all.ts
// collects them).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";

export const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** One row of a report: a measured value against a baseline measured in the same run. */
export type BenchRow = {
  metric: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  goal: string;
  pass: boolean;
};
export type BenchReport = { name: string; rows: BenchRow[] };

/** `goal` is "≥ x" (ratio at least x) or "≤ x" (at most x). */
export function ratioRow(
  metric: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
  goal: string,
): BenchRow {
  const ratio = baselineValue > 0 ? value / baselineValue : 0;
  const target = Number(goal.replace(/^[≥≤]\s*/, ""));
  const pass = goal.startsWith("≤") ? ratio <= target : ratio >= target;
  return {
    metric,
    value: round(value),
    unit,
    baseline,
    baselineValue: round(baselineValue),
    ratio: round(ratio),
    goal,
    pass,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Writes the report where `--json <file>` says, if it says. */
export function writeReport(report: BenchReport): void {
  const at = process.argv.indexOf("--json");
  if (at >= 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], JSON.stringify(report, null, 2));
}

export function printRows(rows: BenchRow[]): void {
  for (const row of rows) {
    console.log(
      `${row.metric.padEnd(44)} ${String(row.value).padStart(8)} ${row.unit.padEnd(6)} vs ${row.baseline} ${row.baselineValue} → ${row.ratio.toFixed(2)} (goal ${row.goal}) ${row.pass ? "PASS" : "FAIL"}`,
    );
  }
}

/** A database of its own, migrated, with an API token of `role` (created before the server starts). */
export async function benchDatabase(prefix: string, role: "responder" | "admin" = "responder") {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb } = await import("@/db/client");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { secret } = await createApiToken(
    await getDb(),
    { type: "system", name: "bench", role: "admin" },
    { name: `bench-${prefix}`, role },
  );
  await closeDb();
  return {
    name,
    url: url.toString(),
    secret,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** `next start` on the built app (npm run build first), healthy or an error with its output. */
export async function startApp(databaseUrl: string, port: number) {
  const base = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  // BENCH_NODE_FLAGS reaches the server's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a bench).
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const separateWorker = process.env.BENCH_JOBS_WORKER === "1";
  const server: ChildProcess = spawn(
    process.execPath,
    [...nodeFlags, "./node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        BETTER_AUTH_URL: base,
        ...(separateWorker ? { JOBS_IN_SERVER: "false" } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  server.stdout?.on("data", (d) => logs.push(String(d)));
  server.stderr?.on("data", (d) => logs.push(String(d)));
  // BENCH_JOBS_WORKER=1: the job workers run in their own process (scripts/jobs-worker.ts).
  const worker: ChildProcess | undefined = separateWorker
    ? spawn("./node_modules/.bin/tsx", [...nodeFlags, "scripts/jobs-worker.ts"], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ["ignore", "pipe", "pipe"],
      })
    : undefined;
  worker?.stdout?.on("data", (d) => logs.push(String(d)));
  worker?.stderr?.on("data", (d) => logs.push(String(d)));
  const stopOne = (child: ChildProcess) =>
    child.exitCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        });
  const stop = () => Promise.all([server, ...(worker ? [worker] : [])].map(stopOne)).then(() => {});
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return { base, stop, logs };
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`next start did not become healthy:\n${logs.join("")}`);
}

export const cannon = (options: autocannon.Options) => autocannon(options);

/**
 * Requests a route gets before it is measured. A fresh server's CPU per request falls by about half
 * over its first few thousand requests, as V8 optimises the hot paths (Next's, the driver's, the
 * app's): per declaration about 5 ms over the first 600, about 2.5 ms from about 3,000 on; with
 * `--no-opt` it stays at about 6 ms throughout. The goals are about the warm server a deployment runs.
 */
export const WARM_UP_REQUESTS = 5000;

export const summary = (r: autocannon.Result) =>
  `${r.requests.average.toFixed(0)} req/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, 2xx ${r["2xx"]}, non-2xx ${r.non2xx}, errors ${r.errors})`;
