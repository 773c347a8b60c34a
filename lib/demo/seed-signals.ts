import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { ingestErrors } from "@/lib/error-groups/ingest-errors";
import type { IncidentView } from "@/lib/incidents/views";
import { recordRelease } from "@/lib/releases/record-release";

const MINUTE = 60_000;
const ci: Actor = { type: "system", name: "demo-ci", role: "responder" };

const ERRORS: Record<string, { title: string; culprit: string }> = {
  "payment-service": {
    title: "TimeoutError: Stripe webhook handler exceeded 30s",
    culprit: "webhooks/stripe.ts in handleEvent",
  },
  "checkout-api": {
    title: "TypeError: Cannot read properties of undefined (reading 'currency')",
    culprit: "cart/totals.ts in priceCart",
  },
  "search-api": {
    title: "ElasticsearchTimeout: query exceeded 5000ms",
    culprit: "search/query.ts in runQuery",
  },
  "auth-service": {
    title: "SAMLResponseError: signature validation failed",
    culprit: "sso/saml.ts in verifyAssertion",
  },
  "web-frontend": { title: "ChunkLoadError: Loading chunk 412 failed", culprit: "app/checkout/page.tsx" },
  "notification-worker": {
    title: "SMTPConnectionError: connection pool exhausted",
    culprit: "mailer/pool.ts in acquire",
  },
  "inventory-service": {
    title: "SerializationFailure: could not serialize access",
    culprit: "stock/reserve.ts in reserveItems",
  },
  "analytics-pipeline": {
    title: "KafkaJSNumberOfRetriesExceeded",
    culprit: "ingest/consumer.ts in eachBatch",
  },
};

/**
 * The error group and the release behind a demo incident, reported through the ingest use cases:
 * the release deployed a quarter of an hour before the impact, the error first seen minutes later
 * and recurring until the incident was declared (so the cards, charts and suggestions have data).
 */
export async function seedIncidentSignals(db: Db, incident: IncidentView, index: number, now: Date) {
  const service = incident.services[0];
  const impact = incident.impactStartedAt.getTime();
  const declared = incident.createdAt.getTime();
  const release = await recordRelease(
    db,
    ci,
    {
      service,
      environment: incident.environment,
      version: `v2.${3 + Math.floor(index / 10)}.${index % 10}`,
      commit: (0x9f3c2a1 + index * 7919).toString(16).padStart(7, "0"),
      deployedAt: new Date(impact - 15 * MINUTE).toISOString(),
      deployedBy: "ci:deploy-production",
    },
    { now },
  );
  const known = ERRORS[service] ?? { title: `Unhandled error in ${service}`, culprit: `${service}/index.ts` };
  const occurrences = Array.from({ length: 6 }, (_, k) => ({
    fingerprint: `${service}-${index % 4}`,
    title: known.title,
    culprit: known.culprit,
    service,
    environment: incident.environment,
    count: 5 + ((index * 13 + k * 7) % 40),
    usersAffected: 3 + ((index * 11 + k * 5) % 60),
    seenAt: new Date(
      impact - 8 * MINUTE + (k * Math.max(MINUTE, declared - impact + 8 * MINUTE)) / 6,
    ).toISOString(),
  }));
  const { items } = await ingestErrors(db, ci, { occurrences }, { now });
  return { errorGroupId: items[0].group.id, releaseId: release.release.id };
}
