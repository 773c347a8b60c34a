// N `next start` instances on one PostgreSQL behind one nginx: used by `npm run cluster` and by
// e2e/cluster.spec.ts. Each instance gets TRUST_PROXY=1 (nginx overwrites X-Forwarded-For) and the
// proxy's URL as its public URL.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nginxConfig } from "./nginx-config";

export type ClusterOptions = {
  nginx: string;
  databaseUrl: string;
  instances: number;
  /** nginx listens here; the instances on the following ports. */
  proxyPort: number;
  instancePorts?: number[];
  env?: Record<string, string>;
  /** Where process output goes (default: prefixed lines on stdout). */
  log?: (source: string, text: string) => void;
  nginxWorkers?: number | "auto";
  /** Instance i runs on core `cores[i % cores.length]` only (taskset), to measure per-core scaling. */
  pinCores?: number[];
};

export type Instance = { port: number; process: ChildProcess; exited: Promise<number | null> };

export type Cluster = {
  url: string;
  instances: Instance[];
  /** Starts instance i again (after a kill), on its port. */
  restart: (i: number) => Promise<void>;
  /** nginx stops accepting and finishes its requests, then every instance gets SIGTERM (SIGKILL after `graceMs`). */
  stop: (graceMs?: number) => Promise<void>;
};

const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
const defaultLog = (source: string, text: string) => {
  for (const line of text.split("\n")) if (line.trim()) console.log(`[${source}] ${line}`);
};

export async function waitForHealth(
  url: string,
  timeoutMs = 60_000,
  alive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`${url}: the process exited before it was healthy`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? defaultLog;
  const ports =
    options.instancePorts ?? Array.from({ length: options.instances }, (_, i) => options.proxyPort + 1 + i);
  const url = `http://127.0.0.1:${options.proxyPort}`;
  const instances: Instance[] = [];
  const children: ChildProcess[] = [];

  const spawnInstance = (port: number): Instance => {
    const args = ["start", "-p", String(port), "-H", "127.0.0.1"];
    const core = options.pinCores?.length
      ? options.pinCores[ports.indexOf(port) % options.pinCores.length]
      : undefined;
    // taskset execs the server in place: the child's pid and process group stay the server's.
    const [command, commandArgs] =
      core === undefined ? [nextBin, args] : ["taskset", ["-c", String(core), nextBin, ...args]];
    const child = spawn(command, commandArgs, {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: options.databaseUrl,
        TRUST_PROXY: "1",
        BETTER_AUTH_URL: process.env.BETTER_AUTH_URL ?? url,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: a terminal's Ctrl-C reaches only this script, which stops nginx first.
      detached: true,
    });
    child.stdout?.on("data", (d) => log(`app:${port}`, String(d)));
    child.stderr?.on("data", (d) => log(`app:${port}`, String(d)));
    children.push(child);
    return { port, process: child, exited: exitOf(child) };
  };

  const prefix = mkdtempSync(path.join(tmpdir(), "im-nginx-"));
  let nginx: ChildProcess | undefined;
  const stop = async (graceMs = 30_000) => {
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const done = exitOf(nginx);
      nginx.kill("SIGQUIT");
      await done;
    }
    await Promise.all(
      instances.map(async ({ process: child, exited }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
    rmSync(prefix, { recursive: true, force: true });
  };

  try {
    for (const port of ports) instances.push(spawnInstance(port));
    // One at a time would also work; together they show the migration lock doing its job.
    await Promise.all(
      instances.map((i) =>
        waitForHealth(`http://127.0.0.1:${i.port}`, 120_000, () => i.process.exitCode === null),
      ),
    );

    const tmp = path.join(prefix, "tmp");
    mkdirSync(tmp, { recursive: true });
    const isRoot = process.getuid?.() === 0;
    // As root, nginx's workers run as nobody: they must be able to write their temp files.
    if (isRoot) for (const dir of [prefix, tmp]) chmodSync(dir, 0o777);
    const conf = path.join(prefix, "nginx.conf");
    writeFileSync(
      conf,
      nginxConfig({
        prefix,
        listenPort: options.proxyPort,
        upstreamPorts: ports,
        workers: options.nginxWorkers,
      }),
    );
    nginx = spawn(
      options.nginx,
      ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log"), "-g", "daemon off;"],
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    nginx.stdout?.on("data", (d) => log("nginx", String(d)));
    nginx.stderr?.on("data", (d) => log("nginx", String(d)));
    const proxy = nginx;
    await waitForHealth(url, 15_000, () => proxy.exitCode === null);
  } catch (error) {
    await stop(5_000);
    throw error;
  }

  return {
    url,
    instances,
    async restart(i) {
      const old = instances[i];
      if (old.process.exitCode === null && old.process.signalCode === null)
        throw new Error(`instance ${i} is still running`);
      instances[i] = spawnInstance(old.port);
      await waitForHealth(
        `http://127.0.0.1:${old.port}`,
        120_000,
        () => instances[i].process.exitCode === null,
      );
    },
    stop,
  };
}
