// `npm test`: typecheck, lint, import rules, unit, integration (PGlite and PostgreSQL), build, browser e2e.
// Ends with one line "N passed, N failed" summed over every runner.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "./ensure-chromium";
import { ensureNginx } from "./cluster/ensure-nginx";

type Result = { name: string; passed: number; failed: number; seconds: number; ok: boolean };
const results: Result[] = [];
const bin = (name: string) => `./node_modules/.bin/${name}`;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(
  name: string,
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  count?: () => { passed: number; failed: number },
) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = child.status === 0;
  const counted = count ? safeCount(count) : { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counted.failed === 0) counted.failed = 1;
  results.push({ name, ...counted, ok, seconds: (Date.now() - started) / 1000 });
}

function safeCount(count: () => { passed: number; failed: number }) {
  try {
    return count();
  } catch {
    return { passed: 0, failed: 0 };
  }
}

const vitestCount = (file: string) => () => {
  const report = JSON.parse(readFileSync(file, "utf8"));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numPendingTests ?? 0) };
};
const vitest = (name: string, project: string, file: string, extraEnv: Record<string, string> = {}) =>
  run(
    name,
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    extraEnv,
    vitestCount(file),
  );

rmSync(".test-data", { recursive: true, force: true });
rmSync("test-results", { recursive: true, force: true });

run("typecheck", bin("tsc"), ["--noEmit"]);
run("lint", bin("eslint"), [".", "--max-warnings=0"]);
run("format (prettier --check)", bin("prettier"), ["--check", "."]);
// Import circles and table ownership (.dependency-cruiser.cjs, docs/decisions/0104-import-rules.md).
run("imports (dependency-cruiser)", "npm", ["run", "--silent", "check:imports"]);
vitest("unit", "unit", "test-results/unit.json");
vitest("integration (PGlite)", "integration", "test-results/integration-pglite.json");
vitest("integration (PostgreSQL)", "integration", "test-results/integration-postgres.json", {
  TEST_DB: "postgres",
});
run("build", bin("next"), ["build"]);
const chromium = existsSync(".next/BUILD_ID") ? ensureChromium() : null;
if (chromium && !chromium.ok) {
  // Without a browser every e2e test would fail on its own; it is one missing prerequisite.
  results.push({ name: "e2e (Chromium missing)", passed: 0, failed: 1, ok: false, seconds: 0 });
} else if (chromium) {
  // The cluster suite (e2e/cluster.spec.ts) needs nginx; without it that suite is one failure.
  const nginx = ensureNginx({ install: process.getuid?.() === 0 });
  if (!nginx.ok)
    results.push({ name: "e2e cluster (nginx missing)", passed: 0, failed: 1, ok: false, seconds: 0 });
  run(
    "e2e (Playwright, Chromium)",
    bin("playwright"),
    ["test"],
    nginx.ok ? {} : { E2E_WITHOUT_NGINX: "1" },
    () => {
      const stats = JSON.parse(readFileSync("test-results/playwright.json", "utf8")).stats;
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected + stats.skipped };
    },
  );
}

console.log("\n━━ summary ━━");
for (const r of results) {
  console.log(
    `${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)}s`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);
