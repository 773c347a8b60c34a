// CPU profile of next start under declare load.
import { spawn } from "node:child_process";
import { benchDatabase, cannon, summary } from "./support";
const db = await benchDatabase("im_prof");
const port = 3363, base = `http://127.0.0.1:${port}`;
const server = spawn("node", ["--cpu-prof", "--cpu-prof-dir=/tmp/perfw-prof", "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], { env: { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_URL: base }, stdio: ["ignore", "pipe", "pipe"] });
server.stdout!.on("data", (d) => process.stdout.write("[srv] " + d)); server.stderr!.on("data", (d) => process.stdout.write("[srv-err] " + d));
for (let i = 0; i < 200; i++) { if (await fetch(`${base}/api/health`).then(r => r.ok).catch(() => false)) break; await new Promise(r => setTimeout(r, 250)); }
const body = JSON.stringify({ title: "Checkout failing", severity: "SEV2", services: ["checkout-api"], environment: "production" });
const target = process.argv[2] ?? "declare";
const opts = target === "declare"
  ? { url: `${base}/api/dashboard/incidents`, method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${db.secret}` }, body }
  : { url: `${base}/api/integrations/pagerduty/v2/enqueue`, method: "POST" as const, headers: { "content-type": "application/json" }, requests: Array.from({ length: 10 }, (_, i) => ({ method: "POST" as const, body: JSON.stringify({ routing_key: db.secret, event_action: "trigger", dedup_key: `k${i}`, payload: { summary: "x", source: "b", severity: "critical", component: "checkout-api", group: "production" } }) })) };
await cannon({ ...opts, connections: 10, duration: 3 });
console.log(summary(await cannon({ ...opts, connections: 10, duration: 10 })));
await new Promise<void>((r) => { server.once("exit", () => r()); server.kill("SIGINT"); });
await db.drop();
