import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * `next start` processes on a throw-away PostgreSQL database of their own (the scale-out setup):
 * created and migrated by start(), dropped by stop().
 */
export function pgServers(ports: number[]) {
  const name = `im_e2e_${randomBytes(4).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const servers: ChildProcess[] = [];
  const logs: string[] = [];

  async function waitForHealth(port: number) {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (
        await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server on ${port} did not become healthy:\n${logs.join("")}`);
  }

  return {
    databaseUrl: url.toString(),
    async start() {
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE ${name}`);
      await admin.end();
      for (const port of ports) {
        const server = spawn("./node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
          env: {
            ...process.env,
            DATABASE_URL: url.toString(),
            NEXT_TELEMETRY_DISABLED: "1",
            BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        server.stdout?.on("data", (d) => logs.push(String(d)));
        server.stderr?.on("data", (d) => logs.push(String(d)));
        servers.push(server);
      }
      await Promise.all(ports.map(waitForHealth));
    },
    async stop() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              if (server.exitCode !== null) return resolve();
              server.once("exit", () => resolve());
              server.kill("SIGTERM");
            }),
        ),
      );
      const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
