// `npm start`: build if the sources are newer than the last build, then serve with `next start`.
// Migrations and (on a new embedded database) the demo data run inside the server at start-up.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { listenHost } from "@/lib/demo/demo-mode";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", ".bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "postcss.config.mjs",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (max, name) => Math.max(max, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestMtime(path.join(root, entry)) > built);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (needsBuild()) {
  console.log("[start] building the app (first start or sources changed)…");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const { host, note } = listenHost(process.env);
if (note) console.log(`[start] ${note}`);
console.log(
  `[start] serving on http://localhost:${port} (${process.env.DATABASE_URL ? "PostgreSQL" : `embedded database in ${process.env.DATA_DIR ?? "./.data"}`})`,
);
const server = spawn(nextBin, ["start", "-p", port, "-H", host], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
