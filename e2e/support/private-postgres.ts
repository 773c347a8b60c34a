import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A throw-away PostgreSQL server of the test's own (initdb in a temp folder, its own port), for what
 * must never be done to the shared server on 5432: stopping and restarting it under load. As root,
 * initdb refuses to run, so the server runs as the `postgres` user.
 */
export function privatePostgres(port: number) {
  // Created by init(), not here: Playwright also loads spec files just to list their tests.
  let dir = "";
  const data = () => path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;

  const run = (tool: string, args: string[]) => {
    const bin = findPgBin();
    const command = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    const result = spawnSync(command[0] as string, command[1] as string[], { encoding: "utf8" });
    if (result.status !== 0)
      throw new Error(`${tool} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  };
  const options = () =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;

  return {
    port,
    url: (user = "postgres", database = "postgres") => `postgres://${user}@127.0.0.1:${port}/${database}`,
    init() {
      dir = mkdtempSync(path.join(tmpdir(), "im-pg-"));
      if (asRoot) {
        const id = (flag: string) =>
          Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
        chownSync(dir, id("-u"), id("-g"));
      }
      run("initdb", ["-D", data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    },
    start() {
      run("pg_ctl", [
        "-D",
        data(),
        "-o",
        options(),
        "-l",
        path.join(dir, "server.log"),
        "-w",
        "-t",
        "60",
        "start",
      ]);
    },
    /** Fast shutdown: sessions are terminated (57P01), as in a restart or failover. */
    stop() {
      run("pg_ctl", ["-D", data(), "-m", "fast", "-w", "stop"]);
    },
    destroy() {
      if (!dir) return;
      if (existsSync(path.join(data(), "postmaster.pid"))) {
        try {
          run("pg_ctl", ["-D", data(), "-m", "immediate", "-w", "stop"]);
        } catch {
          // already down
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findPgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length)
    throw new Error(
      "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql; set PG_BIN",
    );
  return path.join(root, versions[0], "bin");
}
