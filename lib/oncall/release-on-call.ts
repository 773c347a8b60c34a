import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallOverrides, oncallRotationMembers, serviceOncall } from "@/db/oncall-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

/**
 * A disabled person's on-call duties end (lib/users/disable-user.ts): they leave every rotation (the
 * others keep their order), their current overrides end now and future ones go. Each change is an
 * audit entry saying why. Returns the services whose rotation they left and how many overrides ended.
 */
export async function releaseOnCall(tx: Db, actor: Actor, user: { id: string; name: string }, now: Date) {
  return {
    rotations: await leaveRotations(tx, actor, user),
    overrides: await endOverrides(tx, actor, user, now),
  };
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
