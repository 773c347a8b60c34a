import type { Db } from "@/db/client";
import { auditEvents } from "@/db/audit-schema";
import type { Actor, RequestInfo } from "@/lib/actor";
import type { AuditAction, AuditTargetType } from "./audit-actions";
import { auditDiff, type AuditSnapshot } from "./audit-diff";

export type AuditTarget = { type: AuditTargetType; id: string | null; name?: string | null };

export type AuditEventInput = {
  action: AuditAction;
  target: AuditTarget;
  /** The record before the change (absent for a creation); never a secret, which is stripped anyway. */
  before?: AuditSnapshot | null;
  /** The record after the change (absent for a deletion). */
  after?: AuditSnapshot | null;
};

/**
 * Someone not signed in, known only by what they typed (a failed sign-in): recorded as a user without
 * an id, so filtering by a user's id never lists attempts made by others in their name.
 */
export type AnonymousActor = { type: "anonymous"; name: string; request?: RequestInfo };

/** Who the row names: a token by its id and name, a user by id and name, automation by its name. */
export function auditActor(actor: Actor | AnonymousActor): {
  actorType: Actor["type"];
  actorId: string | null;
  actorName: string;
} {
  if (actor.type === "anonymous") return { actorType: "user", actorId: null, actorName: actor.name };
  if (actor.type === "user") return { actorType: "user", actorId: actor.userId, actorName: actor.name };
  if (actor.type === "token")
    return { actorType: "token", actorId: actor.tokenId ?? null, actorName: actor.tokenName };
  return { actorType: "system", actorId: null, actorName: actor.name };
}

/**
 * Writes one audit event inside the caller's transaction `tx`, so it commits or rolls back with the
 * change it describes (documenso's createDocumentAuditLogData, written in the same statement batch).
 * The diff is computed here from `before` / `after`, secrets stripped. An update whose diff is empty
 * changed nothing and writes nothing (null).
 */
export async function recordAuditEvent(
  tx: Db,
  actor: Actor | AnonymousActor,
  event: AuditEventInput,
): Promise<{ id: number } | null> {
  const diff = auditDiff(event.before, event.after);
  if (event.before && event.after && Object.keys(diff).length === 0) return null;
  const [row] = await tx
    .insert(auditEvents)
    .values({
      ...auditActor(actor),
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      targetName: event.target.name ?? null,
      diff,
      ip: actor.request?.ip ?? null,
      userAgent: actor.request?.userAgent ?? null,
    })
    .returning({ id: auditEvents.id });
  return row;
}

/**
 * The action of an edit that may also switch `enabled`: a pure switch is recorded as such
 * (`webhook.enabled`), anything else as `<kind>.updated` with `enabled` among its fields.
 */
export function updateActionOf(
  kind: "webhook" | "workflow",
  before: AuditSnapshot,
  after: AuditSnapshot,
): AuditAction {
  const changed = Object.keys(auditDiff(before, after));
  if (changed.length === 1 && changed[0] === "enabled")
    return after.enabled ? `${kind}.enabled` : `${kind}.disabled`;
  return `${kind}.updated`;
}
