import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// A fresh embedded database per run (scripts/test-all.ts clears .test-data/ first), with demo data.
const dataDir = process.env.E2E_DATA_DIR ?? `.test-data/e2e-${process.pid}`;

export default defineConfig({
  testDir: "e2e",
  // scripts/test-all.ts sets this when nginx is missing and counts the cluster suite as one failure.
  testIgnore: process.env.E2E_WITHOUT_NGINX ? ["**/cluster.spec.ts"] : [],
  outputDir: "test-results/e2e",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/playwright.json" }]]
    : [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  webServer: {
    command: `./node_modules/.bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // A tracing tool for the trace link cards (e2e/errors.spec.ts); webhooks may reach a receiver on
    // 127.0.0.1 (e2e/webhooks.spec.ts).
    env: {
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      TRACE_URL_TEMPLATE: "https://tracing.example/trace/{id}",
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
