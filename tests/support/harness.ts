import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/core-schema";
import type { Actor } from "@/lib/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";

export const TEST_TARGET = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

export const responder: Actor = { type: "user", userId: "user_abc123", name: "Alex Chen", role: "responder" };
export const viewer: Actor = { type: "user", userId: "user_viewer", name: "Vic Viewer", role: "viewer" };

export const TEST_USERS = [
  { id: "user_abc123", name: "Alex Chen", email: "alex@example.com", role: "admin" },
  { id: "user_def456", name: "Priya Natarajan", email: "priya@example.com", role: "responder" },
  { id: "user_viewer", name: "Vic Viewer", email: "vic@example.com", role: "viewer" },
];

/** Empties every table (keeping the environments the migration inserted) and adds the test users. */
export async function resetDatabase() {
  const db = await getDb();
  // The timeline and the audit log refuse TRUNCATE (migrations 0006, 0030) unless the session opts in;
  // the local settings keep the opt-in to this one transaction, so no pooled connection carries it into a test.
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT set_config('app.allow_timeline_truncate', 'on', true), set_config('app.allow_audit_truncate', 'on', true)`,
    );
    await tx.execute(sql`TRUNCATE incidents, incident_services, timeline_entries, incident_links, incident_counters,
      idempotency_keys, oncall_overrides, oncall_rotation_members, service_oncall, services, users, sessions, accounts, verifications, api_tokens, sign_in_attempts,
      events, event_consumptions, alert_rules, alerts, alert_events, workflows, workflow_runs, reminder_settings, reminder_emissions,
      error_groups, error_group_hourly, releases, postmortems, action_items, postmortem_settings, incident_daily_stats, incident_metric_buckets, incident_metric_sub_buckets,
      webhook_subscriptions, webhook_deliveries, webhook_delivery_attempts, audit_events, mail_messages,
      escalation_policies, escalation_steps, service_paging, pages, page_assignments, page_notifications, page_log,
      contact_methods, notification_rules, page_action_links,
      status_pages, status_page_groups, status_page_components, status_page_component_services, public_incidents,
      public_incident_updates, public_incident_components, component_impacts, status_page_snapshots, status_page_subscribers, status_subscribe_attempts RESTART IDENTITY CASCADE`);
    // token_stamp stays (one row the migration inserted); the TRUNCATE of users and api_tokens bumps it.
    // Queued jobs (not queues or schedules) go too, so a test that starts workers sees only its own.
    await tx.execute(sql`TRUNCATE pgboss.job, pgboss.archive`);
  });
  await db.insert(users).values(TEST_USERS);
  for (const role of ["viewer", "responder", "admin"] as const) {
    tokens[role] = (await createApiToken(db, testAdmin, { name: `test-${role}`, role })).secret;
  }
  return db;
}

const testAdmin: Actor = { type: "system", name: "test-setup", role: "admin" };

/** Bearer secrets of one API token per role, made fresh by resetDatabase. */
export const tokens: Record<"viewer" | "responder" | "admin", string> = {
  viewer: "",
  responder: "",
  admin: "",
};

/** Rows of a raw query, whichever driver answered (PGlite gives {rows}, postgres.js an array). */
export async function queryRows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  const db = await getDb();
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Whose API token to send (default: a responder's); "anonymous" sends none. */
  as?: "viewer" | "responder" | "admin" | "anonymous";
};

/** Calls a route handler exactly as Next would: a Request in, a Response out. */
export async function call(handler: Handler, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const as = options.as ?? "responder";
  if (as !== "anonymous" && !Object.keys(headers).some((h) => h.toLowerCase() === "authorization")) {
    headers.authorization = `Bearer ${tokens[as]}`;
  }
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  // A live stream never ends by itself: its status and headers are the answer here.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, json: undefined, text: "" };
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, json: json as any, text };
}

export const validIncident = {
  title: "Payment processing failures",
  severity: "SEV1",
  status: "declared",
  services: ["payment-service", "checkout-api"],
  environment: "production",
  description: "Stripe webhook processing failing since 14:32 UTC. ~30% of payments affected.",
  declaredBy: "api",
};
