// `npm run bench`: every benchmark in one go, one table of ratios, and docs/benchmarks.md rewritten
// from bench/benchmarks.template.md with the date, the machine and that table.
//
//   npm run bench                 builds first when there is no build (`-- --build` forces one)
//   npm run bench -- --no-docs    prints the table without touching docs/benchmarks.md
//
// Each bench script writes its rows with `--json <file>` (contract in bench/support.ts: metric,
// value, unit, baseline, baselineValue, ratio, goal, pass). Scripts not in package.json are skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { ADMIN_URL, type BenchReport } from "./support";

const BENCHES = [
  "bench:declare",
  "bench:alerts",
  "bench:paging",
  "bench:status-page",
  "bench:scale",
  "bench:page-weight",
];
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
  .scripts;
const args = new Set(process.argv.slice(2));

const npm = (script: string, extra: string[] = []) =>
  spawnSync("npm", ["run", "--silent", script, ...(extra.length ? ["--", ...extra] : [])], {
    stdio: "inherit",
  });

if (args.has("--build") || !existsSync(".next/BUILD_ID")) {
  console.log("== npm run build");
  if (npm("build").status !== 0) process.exit(1);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "im-bench-"));
const reports: (BenchReport & { exitCode: number | null })[] = [];
for (const script of BENCHES.filter((s) => scripts[s])) {
  console.log(`\n== npm run ${script}`);
  const file = path.join(dir, `${script.replace(/\W/g, "_")}.json`);
  const { status } = npm(script, ["--json", file]);
  const report: BenchReport = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : { name: script, rows: [] };
  reports.push({ ...report, exitCode: status });
}

let statements: { declares: number; first: number; repeat: number } | undefined;
if (scripts["bench:statements"]) {
  console.log("\n== npm run bench:statements");
  const file = path.join(dir, "statements.json");
  if (npm("bench:statements", ["--json", file]).status === 0 && existsSync(file))
    statements = JSON.parse(readFileSync(file, "utf8"));
}
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const header =
  "| bench | metric | value | baseline (same run) | ratio | goal | |\n|---|---|---|---|---|---|---|";
const lines = reports.flatMap((r) =>
  r.rows.length
    ? r.rows.map(
        (row) =>
          `| ${r.name} | ${row.metric} | ${fmt(row.value)} ${row.unit} | ${row.baseline}: ${fmt(row.baselineValue)} | ${fmt(row.ratio)} | ${row.goal} | ${row.pass ? "pass" : "**FAIL**"} |`,
      )
    : [`| ${r.name} | (no report; exit code ${r.exitCode}) | | | | | **FAIL** |`],
);
const table = [header, ...lines].join("\n");
const statementTable = statements
  ? `| request | statements |\n|---|---|\n| declare, token check included | ${statements.declares} |\n| PagerDuty trigger, first firing | ${statements.first} |\n| PagerDuty trigger, repeat | ${statements.repeat} |`
  : "(bench:statements not run)";

const sql = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
const [{ version }] = await sql<{ version: string }[]>`select version()`;
await sql.end();
const cpus = os.cpus();
const machine = [
  `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores`,
  `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
  `Node ${process.version}`,
  version.split(" on ")[0],
].join(" · ");

console.log(`\n${machine}\n\n${table}\n\n${statementTable}`);
if (!args.has("--no-docs")) {
  const template = readFileSync("bench/benchmarks.template.md", "utf8");
  const doc = template
    .replace("{{date}}", new Date().toISOString().replace(/\.\d+Z$/, "Z"))
    .replace("{{machine}}", machine)
    .replace("{{table}}", table)
    .replace("{{statements}}", statementTable);
  writeFileSync("docs/benchmarks.md", doc);
  console.log("\nwrote docs/benchmarks.md");
}
if (reports.some((r) => r.exitCode !== 0 || r.rows.some((row) => !row.pass))) process.exitCode = 1;
