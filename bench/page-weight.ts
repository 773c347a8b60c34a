// Page weight of the dashboard pages: the JavaScript a signed-in browser downloads, gzipped.
// Needs a built app: `npm run build && npx tsx bench/page-weight.ts` (starts its own server).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { DEMO_LOGINS } from "@/lib/demo/demo-data";

const PORT = 3290;
const dataDir = ".test-data/page-weight";
rmSync(dataDir, { recursive: true, force: true });
const server = spawn("./node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
});
const base = `http://127.0.0.1:${PORT}`;
try {
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  const admin = DEMO_LOGINS[0];
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/incidents$/);
  for (const path of ["/incidents", "/incidents/new", "/incidents/INC-2026-0036"]) {
    const context = await browser.newContext({ storageState: await page.context().storageState() });
    const tab = await context.newPage();
    const scripts: Buffer[] = [];
    tab.on("response", async (response) => {
      if (response.request().resourceType() === "script") scripts.push(await response.body().catch(() => Buffer.alloc(0)));
    });
    await tab.goto(`${base}${path}`, { waitUntil: "networkidle" });
    const raw = scripts.reduce((n, b) => n + b.length, 0);
    const gzipped = scripts.reduce((n, b) => n + gzipSync(b).length, 0);
    console.log(`${path.padEnd(28)} ${String(scripts.length).padStart(3)} scripts  ${(raw / 1024).toFixed(1).padStart(7)} kB raw  ${(gzipped / 1024).toFixed(1).padStart(6)} kB gzipped`);
    await context.close();
  }
  await browser.close();
} finally {
  server.kill("SIGTERM");
}
