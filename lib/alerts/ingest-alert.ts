import { randomBytes } from "node:crypto";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertEvents, alerts } from "@/db/alerts-schema";
import { incidentLinks, incidents } from "@/db/incidents-schema";
import { tokenStamp } from "@/db/token-cache-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { hasActiveClaim } from "@/lib/http/idempotency-claim";
import { parseInput } from "@/lib/validation";
import { attachAlertToIncident, noteAlertResolved, openIncidentsOfAlert } from "./alert-incidents";
import { announceAlertEvent, recordAlertEvent } from "./record-alert-event";
import { adoptUnscopedKey, dedupScopeOf } from "./dedup-scope";
import { NormalizedAlert } from "./schemas";
import { toAlertView, type IngestResultView } from "./views";
import { runTransaction } from "@/lib/db/run-transaction";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { rowFromDriver, rowsOf } from "@/lib/db/row-from-driver";

const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** `alt_` and 12 random base-32 characters (60 bits): never reused, readable in a timeline. */
export function newAlertId(): string {
  const bytes = randomBytes(12);
  let id = "alt_";
  for (const byte of bytes) id += ID_ALPHABET[byte & 31];
  return id;
}

export type IngestOptions = {
  now?: Date;
  /** The caller already tried the repeat-only statement for this alert (receivePagerDutyRequest). */
  repeatTried?: boolean;
};

/**
 * The one way an alert enters the system, whatever its source: dedup, history, incident links and
 * the outbox event that workflows (an alert rule's auto-create is one) declare from, all in one transaction, so a 2xx means everything is stored.
 */
export async function ingestAlert(
  db: Db,
  actor: Actor,
  normalized: unknown,
  options: IngestOptions = {},
): Promise<IngestResultView> {
  authorize(actor, "alerts.send");
  const alert = parseInput(NormalizedAlert, normalized);
  const now = options.now ?? new Date();
  // In a storm nearly every event repeats a firing alert: one statement, no transaction around it.
  // Anything else (a first firing, a resolution, a claim to mark) takes the full path.
  const repeated = options.repeatTried ? null : await repeatFiring(db, actor, alert, now);
  if (repeated) return repeated;
  return runTransaction(db, (tx) => ingestAlertInTransaction(tx, actor, alert, now));
}

/** Several alerts (an Alertmanager group) stored together: all of them or none. */
export async function ingestAlerts(
  db: Db,
  actor: Actor,
  normalized: unknown[],
  options: IngestOptions = {},
): Promise<IngestResultView[]> {
  authorize(actor, "alerts.send");
  const list = normalized.map((n) => parseInput(NormalizedAlert, n));
  // Keys are locked in one global order, so two overlapping groups cannot deadlock each other.
  const order = list
    .map((_, i) => i)
    .sort((a, b) =>
      list[a].dedupKey < list[b].dedupKey ? -1 : list[a].dedupKey > list[b].dedupKey ? 1 : a - b,
    );
  return runTransaction(db, async (tx) => {
    const results: IngestResultView[] = new Array(list.length);
    for (const i of order)
      results[i] = await ingestAlertInTransaction(tx, actor, list[i], options.now ?? new Date());
    return results;
  });
}

/** For callers that already hold a transaction (the rule evaluator, with the rule row locked). */
export async function ingestAlertInTransaction(
  tx: Db,
  actor: Actor,
  alert: NormalizedAlert,
  now: Date,
): Promise<IngestResultView> {
  const scope = dedupScopeOf(alert.source, actor);
  await adoptUnscopedKey(tx, alert.source, scope, alert.dedupKey);
  if (alert.action === "fire") return fire(tx, actor, alert, scope, now);
  const [current] = await tx
    .select()
    .from(alerts)
    .where(
      and(eq(alerts.dedupScope, scope), eq(alerts.dedupKey, alert.dedupKey), eq(alerts.status, "firing")),
    )
    .for("update");
  const unchanged: IngestResultView = {
    outcome: "unchanged",
    dedupKey: alert.dedupKey,
    alert: null,
    incidentId: null,
  };
  // Nothing firing under this key: a resend, or a late event for an alert already resolved.
  if (!current) return unchanged;

  if (alert.action === "acknowledge") {
    if (current.acknowledgedAt) return { ...unchanged, alert: toAlertView(current) };
    const [row] = await tx
      .update(alerts)
      .set({ acknowledgedAt: now, updatedAt: now })
      .where(eq(alerts.id, current.id))
      .returning();
    await recordAlertEvent(tx, row, "acknowledged", now);
    const [incidentId] = await openIncidentsOfAlert(tx, row.id);
    return {
      outcome: "acknowledged",
      dedupKey: row.dedupKey,
      alert: toAlertView(row),
      incidentId: incidentId ?? null,
    };
  }

  // A resolution older than the firing it would close belongs to an earlier episode of the key.
  if (alert.endsAt && alert.endsAt.getTime() < current.startsAt.getTime())
    return { ...unchanged, alert: toAlertView(current) };
  const endsAt = alert.endsAt ?? now;
  const [row] = await tx
    .update(alerts)
    .set({
      status: "resolved",
      endsAt,
      lastSeenAt: now,
      updatedAt: now,
      ...(alert.value !== null ? { value: alert.value } : {}),
    })
    .where(eq(alerts.id, current.id))
    .returning();
  await recordAlertEvent(tx, row, "resolved", now, { endsAt: endsAt.toISOString(), value: alert.value });
  const [incidentId] = await noteAlertResolved(tx, actor, row, now);
  return {
    outcome: "resolved",
    dedupKey: row.dedupKey,
    alert: toAlertView(row),
    incidentId: incidentId ?? null,
  };
}

/** The columns a repeat refreshes: the same in the upsert's conflict branch and in the repeat-only update. */
const refreshed = (incoming: {
  value: SQL;
  threshold: SQL;
  title: SQL;
  severity: SQL;
  labels: SQL;
  annotations: SQL;
  seenAt: SQL;
  updatedAt: SQL;
}) => ({
  fireCount: sql`${alerts.fireCount} + 1`,
  lastSeenAt: sql`greatest(${alerts.lastSeenAt}, ${incoming.seenAt})`,
  value: sql`coalesce(${incoming.value}, ${alerts.value})`,
  threshold: sql`coalesce(${incoming.threshold}, ${alerts.threshold})`,
  title: incoming.title,
  severity: incoming.severity,
  // A repeat that sends no labels (the native API makes them optional) keeps the known ones.
  labels: sql`case when ${incoming.labels} = '{}'::jsonb then ${alerts.labels} else ${incoming.labels} end`,
  annotations: sql`case when ${incoming.annotations} = '{}'::jsonb then ${alerts.annotations} else ${incoming.annotations} end`,
  updatedAt: incoming.updatedAt,
});

/** The history row and the open incident of the alert a firing statement returned as `upserted`. */
const historyAndIncident = (kind: SQL, value: SQL, at: SQL) => sql`
    history as (
      insert into ${alertEvents} (alert_id, kind, at, data)
      select u.id, ${kind}, ${at}, jsonb_build_object('value', ${value}, 'fireCount', u.fire_count)
      from upserted u
    )
    select u.*, (
      select l.incident_id from ${incidentLinks} l join ${incidents} i on i.id = l.incident_id
      where l.type = 'alert' and l.target_id = u.id and i.status <> 'resolved'
      order by l.incident_id limit 1
    ) as open_incident_id
    from upserted u`;

/**
 * A repeat of an alert that is firing, as one autocommit statement: the update (its row lock orders
 * concurrent repeats), the history row and the open-incident look-up. Built once (a storm runs it
 * thousands of times a second); each run fills in the values.
 */
const repeatStatement = preparedStatement("alert_repeat_firing", (db) => {
  const slot = (name: string) => sql.placeholder(name);
  const value = sql`${slot("value")}::double precision`;
  const now = sql`${slot("now")}::timestamptz`;
  const update = db
    .update(alerts)
    .set(
      refreshed({
        value,
        threshold: sql`${slot("threshold")}::double precision`,
        title: sql`${slot("title")}`,
        severity: sql`${slot("severity")}`,
        labels: sql`${slot("labels")}::jsonb`,
        annotations: sql`${slot("annotations")}::jsonb`,
        seenAt: now,
        updatedAt: now,
      }),
    )
    .where(
      and(
        eq(alerts.dedupScope, slot("dedupScope")),
        eq(alerts.dedupKey, slot("dedupKey")),
        // A literal, not a parameter: a generic plan can then use the partial index on firing keys.
        sql`${alerts.status} = 'firing'`,
        sql`(${slot("tokensVersion")}::bigint is null or (select ${tokenStamp.tokensVersion} from ${tokenStamp} where ${tokenStamp.id} = 1) = ${slot("tokensVersion")}::bigint)`,
      ),
    )
    .returning();
  return sql`with upserted as (${update.getSQL()}), ${historyAndIncident(sql`'repeated'`, value, now)}`;
});

/**
 * Runs the repeat statement. Null when nothing fires under the key (a first firing, or it resolved
 * meanwhile): the caller then runs the full transaction.
 * With `tokensVersion` (a token verified from the cache, lib/tokens/verify-api-token.ts) it changes
 * nothing unless the token stamp still reads that version, so the token check rides in the statement.
 */
export async function repeatFiring(
  db: Db,
  actor: Actor,
  alert: NormalizedAlert,
  now: Date,
  tokensVersion?: number,
): Promise<IngestResultView | null> {
  if (alert.action !== "fire" || hasActiveClaim()) return null;
  const [raw] = await repeatStatement(db, {
    dedupScope: dedupScopeOf(alert.source, actor),
    dedupKey: alert.dedupKey,
    value: alert.value,
    threshold: alert.threshold,
    title: alert.title,
    severity: alert.severity,
    labels: JSON.stringify(alert.labels),
    annotations: JSON.stringify(alert.annotations),
    now: now.toISOString(),
    tokensVersion: tokensVersion ?? null,
  });
  if (!raw) return null;
  const row = rowFromDriver(alerts, raw);
  return {
    outcome: "repeated",
    dedupKey: row.dedupKey,
    alert: toAlertView(row),
    incidentId: (raw.open_incident_id as string | null) ?? null,
  };
}

/**
 * INSERT … ON CONFLICT on the partial unique index (dedup_scope, dedup_key WHERE status = 'firing'): concurrent
 * firings of one key collapse into one row, and the row lock the upsert takes orders everything
 * that follows (incident lookup, declaration) per key until commit.
 *
 * One statement does the upsert, writes the history row (fired or repeated) and looks up the open
 * incident this alert row is linked to: a repeat in a storm is then begin, this, commit. The look-up
 * sees the links committed when the statement began; a link committed while it waited for the row
 * lock counts from the next firing on (the same as if this firing had come first).
 */
async function fire(
  tx: Db,
  actor: Actor,
  alert: NormalizedAlert,
  scope: string,
  now: Date,
): Promise<IngestResultView> {
  const id = newAlertId();
  const startsAt = alert.startsAt ?? now;
  const upsert = tx
    .insert(alerts)
    .values({
      id,
      source: alert.source,
      dedupKey: alert.dedupKey,
      dedupScope: scope,
      ruleId: alert.ruleId,
      title: alert.title,
      service: alert.service,
      environment: alert.environment,
      severity: alert.severity,
      labels: alert.labels,
      annotations: alert.annotations,
      value: alert.value,
      threshold: alert.threshold,
      status: "firing",
      startsAt,
      lastSeenAt: now,
      fireCount: 1,
      generatorUrl: alert.generatorUrl,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [alerts.dedupScope, alerts.dedupKey],
      targetWhere: sql`status = 'firing'`,
      set: refreshed({
        value: sql`excluded.value`,
        threshold: sql`excluded.threshold`,
        title: sql`excluded.title`,
        severity: sql`excluded.severity`,
        labels: sql`excluded.labels`,
        annotations: sql`excluded.annotations`,
        seenAt: sql`excluded.last_seen_at`,
        updatedAt: sql`excluded.updated_at`,
      }),
    })
    .returning();
  const result = await tx.execute(
    sql`with upserted as (${upsert.getSQL()}), ${historyAndIncident(sql`case when u.id = ${id} then 'fired' else 'repeated' end`, sql`${alert.value}::double precision`, sql`${now.toISOString()}::timestamptz`)}`,
  );
  const raw = rowsOf(result)[0];
  const row = rowFromDriver(alerts, raw);
  const created = row.id === id;
  await announceAlertEvent(tx, row, created ? "fired" : "repeated", now, {
    value: alert.value,
    fireCount: row.fireCount,
  });
  // A repeat was attached when its row was created; the statement above already looked its incident up.
  const incidentId = created
    ? await attachAlertToIncident(tx, actor, row, now)
    : ((raw.open_incident_id as string | null) ?? null);
  return {
    outcome: created ? "created" : "repeated",
    dedupKey: row.dedupKey,
    alert: toAlertView(row),
    incidentId,
  };
}
