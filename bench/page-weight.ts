// Page weight of the dashboard pages: the JavaScript a signed-in browser downloads, gzipped, until the
// network is idle (so chunks loaded lazily after the first paint count too). Goal: ≤ 200 kB each.
// Needs a built app: `npm run build && npm run bench:page-weight [-- --json out.json]` (starts its own
// server on an embedded demo database; PAGE_WEIGHT_PORT to move it).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { DEMO_LOGINS } from "@/lib/demo/demo-data";
import { type BenchRow, writeReport } from "./support";

const GOAL_KB = 200;
const PORT = Number(process.env.PAGE_WEIGHT_PORT ?? 3290);
const dataDir = `.test-data/page-weight-${PORT}`;
rmSync(dataDir, { recursive: true, force: true });
const server = spawn("./node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
});
const base = `http://127.0.0.1:${PORT}`;

// Fixed pages, and dynamic ones found as the first link of that shape on a listing page (demo data).
const PAGES: (string | { label: string; on: string; link: RegExp })[] = [
  "/incidents",
  "/incidents/new",
  { label: "/incidents/[id]", on: "/incidents", link: /^\/incidents\/INC-\d{4}-\d+$/ },
  {
    label: "/incidents/[id]/postmortem",
    on: "/incidents?status=resolved",
    link: /^\/incidents\/INC-\d{4}-\d+$/,
  },
  "/incidents/metrics",
  "/alerts",
  { label: "/alerts/[id]", on: "/alerts", link: /^\/alerts\/(?!rules)[^/?]+$/ },
  "/alerts/rules",
  "/services",
  "/workflows",
  { label: "/workflows/[id]", on: "/workflows", link: /^\/workflows\/(?!new)[^/?]+$/ },
  "/errors",
  "/releases",
  "/action-items",
  "/settings/tokens",
  "/settings/users",
  "/settings/account",
  "/settings/postmortems",
  "/settings/webhooks",
  "/settings/reminders",
];

async function firstLink(page: Page, path: string, pattern: RegExp) {
  await page.goto(`${base}${path}`);
  const hrefs = await page
    .locator("a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

const rows: BenchRow[] = [];
try {
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  const admin = DEMO_LOGINS[0];
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/incidents$/);
  for (const entry of PAGES) {
    let path = typeof entry === "string" ? entry : null;
    const label = typeof entry === "string" ? entry : entry.label;
    if (typeof entry !== "string") {
      const href = await firstLink(page, entry.on, entry.link);
      if (!href) {
        console.log(`${label.padEnd(28)} no such page in the demo data; skipped`);
        continue;
      }
      path = label.endsWith("/postmortem") ? `${href}/postmortem` : href;
    }
    const context = await browser.newContext({ storageState: await page.context().storageState() });
    const tab = await context.newPage();
    const scripts: Buffer[] = [];
    tab.on("response", async (response) => {
      if (response.request().resourceType() === "script")
        scripts.push(await response.body().catch(() => Buffer.alloc(0)));
    });
    await tab.goto(`${base}${path}`, { waitUntil: "networkidle" });
    const raw = scripts.reduce((n, b) => n + b.length, 0);
    const kb = Math.round((scripts.reduce((n, b) => n + gzipSync(b).length, 0) / 1024) * 10) / 10;
    console.log(
      `${label.padEnd(28)} ${String(scripts.length).padStart(3)} scripts  ${(raw / 1024).toFixed(1).padStart(7)} kB raw  ${kb.toFixed(1).padStart(6)} kB gzipped${kb > GOAL_KB ? "  OVER 200 kB" : ""}`,
    );
    rows.push({
      metric: `${label} gzipped JS`,
      value: kb,
      unit: "kB",
      baseline: "goal",
      baselineValue: GOAL_KB,
      ratio: Math.round((kb / GOAL_KB) * 100) / 100,
      goal: `≤ ${GOAL_KB} kB`,
      pass: kb <= GOAL_KB,
    });
    await context.close();
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
writeReport({ name: "page-weight", rows });
