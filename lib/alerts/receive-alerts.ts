import type { Db } from "@/db/client";
import { type Actor } from "@/lib/actor";
import { authorize, can } from "@/lib/permissions";
import { DomainError } from "@/lib/errors";
import { cachedApiToken, verifyApiToken } from "@/lib/tokens/verify-api-token";
import { ingestAlert, ingestAlerts, type IngestOptions, repeatFiring } from "./ingest-alert";
import { mapAlertmanagerWebhook, mapNativeAlert, mapPagerDutyEvent } from "./map-sources";
import type { IngestResultView } from "./views";

// Entry points of the three ingest endpoints: who may send, then map, then the one use case.
// The role is checked before the payload is read, so a viewer learns nothing about its validity.

export async function receiveNativeAlert(db: Db, actor: Actor, body: unknown, options: IngestOptions = {}) {
  authorize(actor, "alerts.send");
  return ingestAlert(db, actor, mapNativeAlert(body), options);
}

export async function receiveAlertmanagerWebhook(
  db: Db,
  actor: Actor,
  body: unknown,
  options: IngestOptions = {},
) {
  authorize(actor, "alerts.send");
  const results = await ingestAlerts(db, actor, mapAlertmanagerWebhook(body), options);
  return { received: results.length, results };
}

/**
 * PagerDuty senders authenticate with `routing_key` in the body (an API token of ours). Without
 * one, the request's own credentials are used, as on every other endpoint.
 */
export async function pagerDutyActor(db: Db, body: unknown, fallback: () => Promise<Actor>): Promise<Actor> {
  const key = routingKey(body);
  if (key === undefined) return fallback();
  try {
    return await verifyApiToken(db, key);
  } catch (error) {
    if (error instanceof DomainError)
      throw new DomainError(
        "unauthenticated",
        "Unknown routing_key: use an active API token of this product.",
      );
    throw error;
  }
}

/**
 * One PagerDuty event, from the body alone (the routing_key authenticates it) or, without a key, as
 * `fallback` says. A storm's repeat under a token verified moments ago is one statement: the token
 * stamp check rides in it (repeatFiring), and anything else takes the full check and the full path.
 */
export async function receivePagerDutyRequest(
  db: Db,
  body: unknown,
  fallback: () => Promise<Actor>,
  options: IngestOptions = {},
) {
  const key = routingKey(body);
  const cached = key === undefined ? null : cachedApiToken(key);
  let repeatTried = false;
  if (cached && can(cached.actor, "alerts.send")) {
    // Not yet sure the token stands: a bad event goes the full way, so a revoked token gets its 401, not a 400.
    const alert = attempt(() => mapPagerDutyEvent(body));
    const repeated =
      alert && (await repeatFiring(db, cached.actor, alert, options.now ?? new Date(), cached.tokensVersion));
    if (repeated) return pagerDutyAnswer(repeated);
    repeatTried = alert !== null;
  }
  return receivePagerDutyEvent(db, await pagerDutyActor(db, body, fallback), body, {
    ...options,
    repeatTried,
  });
}

function routingKey(body: unknown): string | undefined {
  const key =
    body && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>).routing_key
      : undefined;
  if (key === undefined) return undefined;
  if (typeof key !== "string" || key.length === 0 || key.length > 200) {
    throw new DomainError("unauthenticated", "routing_key must be an API token of this product.");
  }
  return key;
}

export async function receivePagerDutyEvent(
  db: Db,
  actor: Actor,
  body: unknown,
  options: IngestOptions = {},
) {
  authorize(actor, "alerts.send");
  let alert;
  try {
    alert = mapPagerDutyEvent(body);
  } catch (error) {
    // PagerDuty answers a bad event with 400 "Event object is invalid"; senders expect that.
    if (error instanceof DomainError && error.code === "validation") {
      throw new DomainError("bad_request", "Event object is invalid", {
        errors: error.errors,
        extra: { message: "Event object is invalid" },
      });
    }
    throw error;
  }
  return pagerDutyAnswer(await ingestAlert(db, actor, alert, options));
}

const pagerDutyAnswer = (result: IngestResultView) => ({
  status: "success",
  message: "Event processed",
  dedup_key: result.dedupKey,
  outcome: result.outcome,
  alertId: result.alert?.id ?? null,
});

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
