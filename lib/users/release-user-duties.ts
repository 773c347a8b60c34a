import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallOverrides, oncallRotationMembers, serviceOncall } from "@/db/oncall-schema";
import { escalationPolicies, escalationSteps, type StepTarget } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export type ReleasedDuties = { rotations: string[]; overrides: number; policies: string[] };

/**
 * A disabled account must never be the one a page waits on: it leaves every on-call rotation (the
 * others keep their order), its overrides end now (future ones go), and it leaves every escalation
 * step that names it (a step it alone filled goes, so the policy hands on rather than wait). Each
 * change is an audit entry of what it was and is, in the caller's transaction: never silent.
 */
export async function releaseUserDuties(
  tx: Db,
  actor: Actor,
  user: { id: string; name: string },
  now: Date,
): Promise<ReleasedDuties> {
  const rotations = await leaveRotations(tx, actor, user);
  const overrides = await endOverrides(tx, actor, user, now);
  const policies = await leaveEscalationSteps(tx, actor, user, now);
  return { rotations, overrides, policies };
}

async function leaveRotations(tx: Db, actor: Actor, user: { id: string; name: string }) {
  const memberships = await tx
    .select({ service: oncallRotationMembers.serviceSlug })
    .from(oncallRotationMembers)
    .where(eq(oncallRotationMembers.userId, user.id));
  const services = memberships.map((m) => m.service).sort();
  for (const service of services) {
    const [rotation] = await tx
      .select()
      .from(serviceOncall)
      .where(eq(serviceOncall.serviceSlug, service))
      .for("update");
    const members = await tx
      .select({ userId: oncallRotationMembers.userId })
      .from(oncallRotationMembers)
      .where(eq(oncallRotationMembers.serviceSlug, service))
      .orderBy(asc(oncallRotationMembers.position));
    const before = members.map((m) => m.userId);
    const after = before.filter((id) => id !== user.id);
    // Rewritten whole: positions are a primary key, so shifting them in place could collide.
    await tx.delete(oncallRotationMembers).where(eq(oncallRotationMembers.serviceSlug, service));
    if (after.length)
      await tx
        .insert(oncallRotationMembers)
        .values(after.map((userId, position) => ({ serviceSlug: service, position, userId })));
    // A rotation nobody is left in is no rotation: the service has no on-call, which its card says.
    else await tx.delete(serviceOncall).where(eq(serviceOncall.serviceSlug, service));
    await recordAuditEvent(tx, actor, {
      action: "service.oncall_changed",
      target: { type: "service", id: service, name: service },
      before: { rotation: before, handoffHours: rotation?.handoffHours ?? null },
      after: {
        rotation: after,
        handoffHours: after.length ? (rotation?.handoffHours ?? null) : null,
        reason: `${user.name}'s account was disabled`,
      },
    });
  }
  return services;
}

async function endOverrides(tx: Db, actor: Actor, user: { id: string; name: string }, now: Date) {
  const open = await tx
    .select()
    .from(oncallOverrides)
    .where(and(eq(oncallOverrides.userId, user.id), gt(oncallOverrides.endsAt, now)))
    .for("update");
  for (const override of open) {
    const started = override.startsAt <= now;
    if (started)
      await tx.update(oncallOverrides).set({ endsAt: now }).where(eq(oncallOverrides.id, override.id));
    else await tx.delete(oncallOverrides).where(eq(oncallOverrides.id, override.id));
    await recordAuditEvent(tx, actor, {
      action: "override.deleted",
      target: { type: "override", id: String(override.id), name: `${user.name} on ${override.serviceSlug}` },
      before: { service: override.serviceSlug, startsAt: override.startsAt, endsAt: override.endsAt },
      after: started
        ? {
            service: override.serviceSlug,
            startsAt: override.startsAt,
            endsAt: now,
            reason: `${user.name}'s account was disabled`,
          }
        : null,
    });
  }
  return open.length;
}

async function leaveEscalationSteps(tx: Db, actor: Actor, user: { id: string; name: string }, now: Date) {
  const named = await tx
    .selectDistinct({ policyId: escalationSteps.policyId })
    .from(escalationSteps)
    .where(sql`${escalationSteps.targets} @> ${JSON.stringify([{ type: "user", userId: user.id }])}::jsonb`);
  const ids = named.map((n) => n.policyId).sort();
  if (ids.length === 0) return [];
  const policies = await tx
    .select()
    .from(escalationPolicies)
    .where(inArray(escalationPolicies.id, ids))
    .orderBy(asc(escalationPolicies.id))
    .for("update");
  for (const policy of policies) {
    const steps = await tx
      .select()
      .from(escalationSteps)
      .where(eq(escalationSteps.policyId, policy.id))
      .orderBy(asc(escalationSteps.position));
    const isTheUser = (t: StepTarget) => t.type === "user" && t.userId === user.id;
    const kept = steps
      .map((step) => ({ ...step, targets: (step.targets as StepTarget[]).filter((t) => !isTheUser(t)) }))
      .filter((step) => step.targets.length > 0);
    await tx.delete(escalationSteps).where(eq(escalationSteps.policyId, policy.id));
    if (kept.length)
      await tx.insert(escalationSteps).values(
        kept.map((step, position) => ({
          policyId: policy.id,
          position,
          delayMinutes: step.delayMinutes,
          targets: step.targets,
        })),
      );
    // A new version: an editor holding the old one gets 412 instead of restoring the disabled person.
    await tx
      .update(escalationPolicies)
      .set({ version: policy.version + 1, updatedAt: now })
      .where(eq(escalationPolicies.id, policy.id));
    const shape = (list: { delayMinutes: number; targets: unknown }[]) =>
      list.map((s) => ({ delayMinutes: s.delayMinutes, targets: s.targets }));
    await recordAuditEvent(tx, actor, {
      action: "escalation_policy.updated",
      target: { type: "escalation_policy", id: policy.id, name: policy.name },
      before: { steps: shape(steps) },
      after: { steps: shape(kept), reason: `${user.name}'s account was disabled` },
    });
  }
  return policies.map((p) => p.name);
}
