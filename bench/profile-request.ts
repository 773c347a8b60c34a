// `npm run bench:profile -- <health|storm|declare> [requests]`: a V8 CPU profile of the built server
// under one kind of request, and where its main thread's time went, in ms per request by package
// (Next, Drizzle, postgres.js, GC, idle = waiting for I/O, native = syscalls such as socket writes).
// Profile two kinds and compare their tables to see what one request costs beyond another.
//
//   npm run build && npm run bench:profile -- storm 10000      (the .cpuprofile opens in Chrome DevTools)
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase, cannon, startApp, WARM_UP_REQUESTS } from "./support";

const kind = process.argv[2] ?? "storm";
const amount = Number(process.argv[3] ?? (kind === "declare" ? 3000 : 10000));
const dir = mkdtempSync(path.join(os.tmpdir(), "im-profile-"));
process.env.BENCH_NODE_FLAGS = `${process.env.BENCH_NODE_FLAGS ?? ""} --cpu-prof --cpu-prof-dir=${dir}`;

const db = await benchDatabase("im_bench_profile");
const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 3371));
let measuredSeconds = 0;
let stopSeconds = 0;
try {
  let key = 0;
  const event = (k: string) =>
    JSON.stringify({
      routing_key: db.secret,
      event_action: "trigger",
      dedup_key: k,
      payload: { summary: `Storm ${k}`, source: "bench", severity: "critical", component: "checkout-api" },
    });
  const kinds = {
    health: { url: `${app.base}/api/health`, connections: 20 },
    storm: {
      url: `${app.base}/api/integrations/pagerduty/v2/enqueue`,
      method: "POST",
      connections: 20,
      headers: { "content-type": "application/json" },
      setupClient: (client: { setBody: (b: string) => void }) => client.setBody(event(`bench-${key++ % 10}`)),
    },
    declare: {
      url: `${app.base}/api/dashboard/incidents`,
      method: "POST",
      connections: 10,
      headers: { "content-type": "application/json", authorization: `Bearer ${db.secret}` },
      body: JSON.stringify({
        title: "Checkout failing",
        severity: "SEV2",
        services: ["checkout-api"],
        environment: "production",
      }),
    },
  } as const;
  const options = kinds[kind as keyof typeof kinds];
  if (!options) throw new Error(`Unknown kind "${kind}": health, storm or declare.`);
  await cannon({ ...options, amount: WARM_UP_REQUESTS } as never); // warm-up, left out of the table
  const started = performance.now();
  const result = await cannon({ ...options, amount } as never);
  measuredSeconds = (performance.now() - started) / 1000;
  console.log(
    `${kind}: ${amount} requests at ${(amount / measuredSeconds).toFixed(0)} req/s (non-2xx ${result.non2xx}, errors ${result.errors})`,
  );
} finally {
  const stopping = performance.now();
  await app.stop();
  stopSeconds = (performance.now() - stopping) / 1000;
  await db.drop();
}

type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error(`No profile was written to ${dir}.`);
const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const packageOf = ({ functionName, url }: Node["callFrame"]) => {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  // Next bundles server dependencies into chunks named after them (chunks/node_modules_drizzle-orm_….js).
  const bundled = /chunks\/node_modules_(@?[a-z0-9.-]+)_/.exec(url);
  if (bundled) return bundled[1];
  if (url.startsWith("node:")) return "node";
  return "app";
};
// The profile ends as the server exits: the measured run is the stretch before the stop.
const end = profile.timeDeltas.reduce((a, b) => a + b, 0);
const window = [end - (measuredSeconds + stopSeconds) * 1e6, end - stopSeconds * 1e6];
const totals = new Map<string, number>();
let time = 0;
for (let i = 0; i < profile.samples.length; i++) {
  time += profile.timeDeltas[i];
  if (time < window[0] || time > window[1]) continue;
  const name = packageOf(nodes.get(profile.samples[i])!.callFrame);
  totals.set(name, (totals.get(name) ?? 0) + profile.timeDeltas[i]);
}
const perRequest = (us: number) => us / 1000 / amount;
const all = [...totals.values()].reduce((a, b) => a + b, 0);
console.log(
  `\n| part | ms / request |\n|---|---|\n| all of the main thread | ${perRequest(all).toFixed(3)} |`,
);
for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20))
  console.log(`| ${name} | ${perRequest(us).toFixed(3)} |`);
console.log(
  `\nprofile: ${path.join(dir, file)} (measured ${measuredSeconds.toFixed(2)} s, stop ${stopSeconds.toFixed(2)} s)`,
);
