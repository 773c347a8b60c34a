import type { Severity } from "@/lib/incidents/severity";

// The people and services of the demo organisation. `user_abc123` exists so the product
// specification's example (`commanderId: 'user_abc123'`) works against the demo as written.
/** Demo only: printed once in the server log when the demo is loaded, and listed in the README. */
export const DEMO_LOGINS = [
  { email: "alex.chen@example.com", password: "demo-admin-password", role: "admin" },
  { email: "priya.natarajan@example.com", password: "demo-responder-password", role: "responder" },
  { email: "hannah.weiss@example.com", password: "demo-viewer-password", role: "viewer" },
] as const;

export const DEMO_USERS = [
  { id: "user_abc123", name: "Alex Chen", email: "alex.chen@example.com", role: "admin" },
  { id: "user_def456", name: "Priya Natarajan", email: "priya.natarajan@example.com", role: "responder" },
  { id: "user_ghi789", name: "Marcus Okafor", email: "marcus.okafor@example.com", role: "responder" },
  { id: "user_jkl012", name: "Sofia Lindqvist", email: "sofia.lindqvist@example.com", role: "responder" },
  { id: "user_mno345", name: "Diego Ramirez", email: "diego.ramirez@example.com", role: "responder" },
  { id: "user_pqr678", name: "Hannah Weiss", email: "hannah.weiss@example.com", role: "viewer" },
] as const;

// On-call rotations (turn order); payment-service hands off daily, the others weekly (DEMO_HANDOFF_HOURS).
export const DEMO_SERVICES = [
  {
    slug: "payment-service",
    name: "Payment Service",
    ownerTeam: "Payments",
    onCall: ["user_def456", "user_ghi789", "user_abc123"],
  },
  {
    slug: "checkout-api",
    name: "Checkout API",
    ownerTeam: "Payments",
    onCall: ["user_ghi789", "user_def456"],
  },
  { slug: "search-api", name: "Search API", ownerTeam: "Discovery", onCall: ["user_ghi789", "user_jkl012"] },
  {
    slug: "auth-service",
    name: "Auth Service",
    ownerTeam: "Identity",
    onCall: ["user_jkl012", "user_mno345"],
  },
  {
    slug: "notification-worker",
    name: "Notification Worker",
    ownerTeam: "Messaging",
    onCall: ["user_mno345", "user_def456"],
  },
  {
    slug: "inventory-service",
    name: "Inventory Service",
    ownerTeam: "Fulfilment",
    onCall: ["user_ghi789", "user_mno345", "user_jkl012"],
  },
  { slug: "web-frontend", name: "Web Frontend", ownerTeam: "Web", onCall: ["user_jkl012", "user_abc123"] },
  {
    slug: "analytics-pipeline",
    name: "Analytics Pipeline",
    ownerTeam: "Data",
    onCall: ["user_mno345", "user_ghi789"],
  },
] as const;

export const DEMO_HANDOFF_HOURS: Record<string, number> = { "payment-service": 24 };

export type Scenario = {
  title: string;
  severity: Severity;
  services: string[];
  description: string;
  updates: string[];
  mitigation: string;
  resolution: string;
  escalateTo?: Severity;
};

export const SCENARIOS: Scenario[] = [
  {
    title: "Payment processing failures",
    severity: "SEV1",
    services: ["payment-service", "checkout-api"],
    description: "Stripe webhook processing failing since the last deploy. **~30% of payments** affected.",
    updates: [
      "Error rate on `POST /webhooks/stripe` at 31%. Suspect deploy v2.3.1.",
      "Identified bad deploy (v2.3.1) as root cause. Rolling back to v2.3.0.",
    ],
    mitigation: "Rolled back to v2.3.0. Error rates returned to baseline.",
    resolution: "Root cause was a missing null check in the payment handler. Fix deployed in v2.3.2.",
  },
  {
    title: "Checkout API returning 500 errors",
    severity: "SEV2",
    services: ["checkout-api"],
    description: "Checkout failing for roughly 40% of users in EU regions.",
    updates: [
      "Connection pool to the orders database exhausted.",
      "Raised pool size from 20 to 60 and recycled pods.",
    ],
    mitigation: "Pool size raised; 5xx rate back under 0.1%.",
    resolution:
      "Slow query on `orders_by_customer` fixed with a composite index; pool size made configurable.",
    escalateTo: "SEV1",
  },
  {
    title: "Search results loading slowly",
    severity: "SEV3",
    services: ["search-api"],
    description:
      "p95 latency on `/search` above 4s since 09:10 UTC. Workaround: category browsing still fast.",
    updates: [
      "Index shard 3 is rebalancing after a node replacement.",
      "Throttled the rebalance to protect query latency.",
    ],
    mitigation: "Rebalance throttled; p95 back to 600 ms.",
    resolution: "Rebalance completed; added an alert on shard relocation duration.",
  },
  {
    title: "Login failures for SSO users",
    severity: "SEV2",
    services: ["auth-service", "web-frontend"],
    description: "Users signing in with SAML SSO get *invalid signature*. Password logins work.",
    updates: [
      "IdP rotated its signing certificate; our metadata cache is stale.",
      "Forcing a metadata refresh for all tenants.",
    ],
    mitigation: "Metadata refreshed; SSO logins succeed again.",
    resolution: "Metadata cache now refreshes hourly and on signature failures.",
  },
  {
    title: "Order confirmation emails delayed",
    severity: "SEV3",
    services: ["notification-worker"],
    description: "Confirmation emails arriving 20–40 minutes late. Orders themselves are fine.",
    updates: [
      "Queue depth at 180k; workers are CPU-bound on template rendering.",
      "Scaled workers from 4 to 12.",
    ],
    mitigation: "Scaled out workers; backlog drained in 18 minutes.",
    resolution: "Template compilation now cached per deploy instead of per message.",
  },
  {
    title: "Inventory counts out of sync",
    severity: "SEV3",
    services: ["inventory-service", "checkout-api"],
    description: "Some items show as in stock but fail at checkout with *insufficient inventory*.",
    updates: [
      "Replication lag on the inventory read replica reached 9 minutes.",
      "Routed inventory reads to the primary.",
    ],
    mitigation: "Reads served from the primary; counts consistent.",
    resolution: "Replica disk replaced; lag alerting added at 30 s.",
    escalateTo: "SEV2",
  },
  {
    title: "Dashboard chart rendering glitch",
    severity: "SEV4",
    services: ["web-frontend"],
    description: "Stacked bar charts overlap their legend on Safari 17.",
    updates: ["Reproduced on Safari 17.4 only."],
    mitigation: "Legend moved below charts for Safari via feature flag.",
    resolution: "Upgraded the charting library; layout fixed for all browsers.",
  },
  {
    title: "Analytics events dropped during ingestion",
    severity: "SEV2",
    services: ["analytics-pipeline"],
    description: "About 12% of events rejected by the ingestion gateway with `413 Payload Too Large`.",
    updates: [
      "A client SDK release batches up to 500 events per request.",
      "Raised the gateway body limit to 5 MB.",
    ],
    mitigation: "Gateway limit raised; rejection rate at 0%.",
    resolution: "SDK batch size capped at 100; gateway limit documented and alerted.",
  },
  {
    title: "Elevated latency on payment authorisation",
    severity: "SEV2",
    services: ["payment-service"],
    description: "Authorisation calls to the card processor take 3–6 s (normally 400 ms).",
    updates: [
      "Processor status page reports degraded performance in us-east.",
      "Failing over to the secondary processor region.",
    ],
    mitigation: "Traffic failed over to the secondary region.",
    resolution: "Processor fixed their load balancer; failover made automatic on p95 > 2 s.",
  },
  {
    title: "Password reset links expired immediately",
    severity: "SEV3",
    services: ["auth-service"],
    description: "Reset links report *expired* when opened. Clock skew suspected on one node.",
    updates: ["Node auth-7 is 11 minutes behind; NTP daemon had stopped."],
    mitigation: "auth-7 removed from rotation.",
    resolution: "NTP monitoring added; node rebuilt from the current image.",
  },
];
