import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/alerts-schema";
import { type Actor, actorKey } from "@/lib/actor";
import type { AlertSource } from "./schemas";

/**
 * Whose dedup keys a key belongs to. Keys are the sender's own words (PagerDuty's `dedup_key`, an
 * Alertmanager fingerprint), so they are only unique per sender: a PagerDuty event keyed
 * "rule:<id>" must not touch that rule's alert, and one team's token must not resolve another's.
 * Rules and the native API are one scope each (their keys are chosen by this product or its own
 * clients); PagerDuty and Alertmanager are scoped by the token (or user) that sends.
 */
export function dedupScopeOf(source: AlertSource, actor: Actor): string {
  if (source === "pagerduty" || source === "alertmanager") return `${source}:${actorKey(actor)}`;
  return source;
}

/**
 * Rows stored before keys were scoped (migration 0040) carry the bare source as their scope, since
 * their sender was not recorded. The first sender to act on such a firing key takes it over, so an
 * alert firing across the upgrade still resolves instead of firing forever beside a duplicate.
 */
export async function adoptUnscopedKey(tx: Db, source: AlertSource, scope: string, dedupKey: string) {
  if (scope === source) return;
  await tx
    .update(alerts)
    .set({ dedupScope: scope })
    .where(
      and(eq(alerts.dedupScope, source), eq(alerts.dedupKey, dedupKey), sql`${alerts.status} = 'firing'`),
    );
}
