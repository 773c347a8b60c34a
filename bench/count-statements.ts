// Round trips per request, counted at the driver: every statement postgres.js sends for one declare
// (token check included, as the route does it) and for one PagerDuty event (first firing and repeat).
//
//   npm run bench:statements            (needs the local PostgreSQL; TEST_PG_URL to point elsewhere)
//   npm run bench:statements -- --verbose   also prints each statement
//
// Runs the lib use cases on a throw-away database with a postgres.js `debug` hook; the HTTP layer
// adds no statement of its own without an Idempotency-Key.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const verbose = process.argv.includes("--verbose");
const name = `im_count_${randomBytes(4).toString("hex")}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);

let seen: string[] = [];
try {
  process.env.DATABASE_URL = url.toString();
  const { getDb, closeDb, sessionTimeouts } = await import("@/db/client");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { secret } = await createApiToken(
    await getDb(),
    { type: "system", name: "bench", role: "admin" },
    { name: "bench-count", role: "responder" },
  );
  await closeDb();

  // The app's own connection settings, plus the counting hook.
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("@/db/schema");
  const { registerConnectionTimeouts } = await import("@/db/client");
  // As openDatabase registers the app's handle: runTransaction then knows the connection's timeouts.
  const client = postgres(url.toString(), {
    max: 1,
    onnotice: () => {},
    connection: { TimeZone: "UTC", ...sessionTimeouts() },
    debug: (_connection, query) => seen.push(query.replace(/\s+/g, " ").slice(0, 160)),
  });
  const db = drizzle(client, { schema }) as unknown as import("@/db/client").Db;
  registerConnectionTimeouts(db, sessionTimeouts());
  const { cachedApiToken, verifyApiToken } = await import("@/lib/tokens/verify-api-token");
  const { declareIncident } = await import("@/lib/incidents/declare-incident");
  const { receivePagerDutyRequest } = await import("@/lib/alerts/receive-alerts");

  // As the route does it: a token verified in the last seconds is trusted from the cache, and the
  // declaration's statement asserts the stamp it was verified at.
  const declare = async () => {
    const cached = cachedApiToken(secret);
    const actor = cached?.actor ?? (await verifyApiToken(db, secret));
    const input = {
      title: "Checkout failing",
      severity: "SEV2",
      services: ["checkout-api"],
      environment: "production",
    };
    await declareIncident(db, actor, input, { source: "api", tokensVersion: cached?.tokensVersion });
  };
  const event = (key: string) => ({
    routing_key: secret,
    event_action: "trigger",
    dedup_key: key,
    payload: {
      summary: `Storm ${key}`,
      source: "bench",
      severity: "critical",
      component: "checkout-api",
      group: "production",
    },
  });
  const ingest = async (key: string) => {
    await receivePagerDutyRequest(db, event(key), () => Promise.reject(new Error("no fallback")));
  };

  const measure = async (label: string, fn: () => Promise<void>) => {
    seen = [];
    await fn();
    console.log(`${label.padEnd(40)} ${seen.length} statements`);
    if (verbose) for (const q of seen) console.log(`    ${q}`);
    return seen.length;
  };

  // Warm up (first use of a token writes its last use; first job enqueue may create the queue; the first
  // declaration registers the service, the second keeps its on-call state in the process's cache).
  await declare();
  await declare();
  await ingest("warm-up");
  const declares = await measure("declare (token, on-call and write)", declare);
  const first = await measure("PagerDuty trigger, first firing", () => ingest("count-key"));
  const repeat = await measure("PagerDuty trigger, repeat", () => ingest("count-key"));

  // Paging: the consumer's work for a critical alert that opens a page (step 1 and its mail).
  await client`insert into users (id, name, email, role) values ('user_count', 'Count', 'count@example.com', 'responder')`;
  await client`insert into contact_methods (id, user_id, type, label, address, verified_at, created_at)
    values ('cm_count', 'user_count', 'email', 'Work', 'count@example.com', now(), now())`;
  const { createPolicy } = await import("@/lib/paging/save-policy");
  await createPolicy(
    db,
    { type: "system", name: "bench", role: "admin" },
    {
      name: "Count",
      isDefault: true,
      steps: [{ delayMinutes: 5, targets: [{ type: "user", userId: "user_count" }] }],
    },
  );
  const { dispatchEvents } = await import("@/lib/events/consumers");
  const { EVENT_CONSUMERS } = await import("@/lib/events/consumer-list");
  const fired = async (key: string) => {
    await ingest(key);
    const [{ id }] = await client`select max(id)::int as id from events where type = 'alert.fired'`;
    return id as number;
  };
  await dispatchEvents(db, [await fired("page-warm")], EVENT_CONSUMERS);
  const eventId = await fired("page-count");
  const paging = await measure("paging consumer: page, step 1, its mail", () =>
    dispatchEvents(db, [eventId], EVENT_CONSUMERS),
  );
  await client.end();
  if (process.argv.includes("--json")) {
    const { writeFileSync } = await import("node:fs");
    const file = process.argv[process.argv.indexOf("--json") + 1];
    writeFileSync(file, JSON.stringify({ name: "statements", declares, first, repeat, paging }));
  }
} finally {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
