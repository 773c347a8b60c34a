// `npm run cluster -- --instances 3 --port 8080`: N app instances on one PostgreSQL behind nginx.
// Ctrl-C or SIGTERM stops nginx gracefully, then every instance (each drains its requests and jobs).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { ensureNginx } from "./cluster/ensure-nginx";
import { startCluster } from "./cluster/start-cluster";

const { values } = parseArgs({
  options: {
    instances: { type: "string", default: "2" },
    port: { type: "string", default: process.env.PORT ?? "8080" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(`npm run cluster -- [--instances N] [--port P]

Starts N \`next start\` instances (ports P+1 … P+N, 127.0.0.1) on the PostgreSQL in DATABASE_URL and
nginx on P in front of them. Needs a build (made if missing) and nginx (NGINX_PATH or /usr/sbin/nginx).`);
  process.exit(0);
}

const instances = Number(values.instances);
const port = Number(values.port);
if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
  console.error(`[cluster] --instances must be a whole number from 1 to 32, not "${values.instances}"`);
  process.exit(2);
}
if (!Number.isInteger(port) || port < 1 || port + instances > 65535) {
  console.error(
    `[cluster] --port must be a free TCP port with ${instances} free ports after it, not "${values.port}"`,
  );
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL?.trim();
if (!databaseUrl) {
  console.error(
    "[cluster] DATABASE_URL is required: several instances share one PostgreSQL (the embedded database serves one process).\n" +
      "          e.g. DATABASE_URL=postgres://user@127.0.0.1:5432/incidents npm run cluster",
  );
  process.exit(2);
}
const nginx = ensureNginx({ install: false });
if (!nginx.ok) process.exit(2);

if (!existsSync(".next/BUILD_ID")) {
  console.log("[cluster] no build yet: running `next build`…");
  const build = spawnSync("./node_modules/.bin/next", ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(
  `[cluster] starting ${instances} instance(s) on ports ${port + 1}–${port + instances} behind nginx on ${port}…`,
);
const cluster = await startCluster({ nginx: nginx.path, databaseUrl, instances, proxyPort: port });
console.log(`[cluster] ready: ${cluster.url} (Ctrl-C stops everything gracefully)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(
      `[cluster] ${signal}: stopping nginx, then the instances (they finish their requests and jobs)…`,
    );
    void cluster.stop().then(() => {
      const codes = cluster.instances.map((i) => i.process.exitCode);
      console.log(`[cluster] stopped (instance exit codes: ${codes.join(", ")})`);
      process.exit(codes.every((c) => c === 0) ? 0 : 1);
    });
  });
}
// An instance that dies on its own is reported; nginx keeps serving from the others.
for (const instance of cluster.instances) {
  void instance.exited.then((code) => {
    if (!stopping)
      console.error(
        `[cluster] instance on ${instance.port} exited (${code ?? "signal"}); nginx routes around it`,
      );
  });
}
