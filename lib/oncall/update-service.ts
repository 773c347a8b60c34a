import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallRotationMembers, serviceOncall } from "@/db/oncall-schema";
import { services } from "@/db/core-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees, ensureServices } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readServiceViews } from "./load-on-call";
import { parseSlug } from "./list-services";
import { UpdateServiceInput } from "./schemas";
import type { ServiceView } from "./views";

type RotationSnapshot = {
  ownerTeam: string | null;
  onCall: { userIds: string[]; handoffHours: number; startsAt: Date } | null;
};

/** The owner team and rotation as they stand, for the audit event's `before`. */
async function readRotation(tx: Db, slug: string, ownerTeam: string | null): Promise<RotationSnapshot> {
  const [rotation] = await tx.select().from(serviceOncall).where(eq(serviceOncall.serviceSlug, slug));
  if (!rotation) return { ownerTeam, onCall: null };
  const members = await tx
    .select({ userId: oncallRotationMembers.userId })
    .from(oncallRotationMembers)
    .where(eq(oncallRotationMembers.serviceSlug, slug))
    .orderBy(asc(oncallRotationMembers.position));
  return {
    ownerTeam,
    onCall: {
      userIds: members.map((m) => m.userId),
      handoffHours: rotation.handoffHours,
      startsAt: rotation.startsAt,
    },
  };
}

/**
 * PUT semantics: replaces the owner team and the rotation. A well-formed slug the catalog has not seen
 * is registered, as a declaration would (`created` tells the adapter to answer 201).
 */
export async function updateService(
  db: Db,
  actor: Actor,
  rawSlug: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<{ service: ServiceView; created: boolean }> {
  authorize(actor, "oncall.manage");
  const slug = parseSlug(rawSlug);
  const input = parseInput(UpdateServiceInput, rawInput);
  return runTransaction(db, async (tx) => {
    const people = Object.fromEntries(
      input.onCall?.userIds.map((id, index) => [`onCall.userIds.${index}`, id]) ?? [],
    );
    await assertAssignees(tx, people, "on call");
    // The service row serialises two PUTs of one service; a new row is as good a lock: a second insert
    // of the same slug waits for the first transaction to end.
    const [existing] = await tx
      .select({ slug: services.slug, ownerTeam: services.ownerTeam })
      .from(services)
      .where(eq(services.slug, slug))
      .for("update");
    if (!existing) await ensureServices(tx, [slug]);
    const before = await readRotation(tx, slug, existing?.ownerTeam ?? null);
    const now = clock(options);
    await tx
      .update(services)
      .set({ ownerTeam: input.ownerTeam ?? null })
      .where(eq(services.slug, slug));
    // Members cascade with their rotation, so a shorter list leaves no stale positions behind.
    await tx.delete(serviceOncall).where(eq(serviceOncall.serviceSlug, slug));
    if (input.onCall) {
      const { userIds, handoffHours, startsAt } = input.onCall;
      await tx.insert(serviceOncall).values({
        serviceSlug: slug,
        handoffHours,
        startsAt: new Date(startsAt),
        updatedBy: actorLabel(actor),
        updatedAt: now,
      });
      await tx
        .insert(oncallRotationMembers)
        .values(userIds.map((userId, position) => ({ serviceSlug: slug, position, userId })));
    }
    const after: RotationSnapshot = {
      ownerTeam: input.ownerTeam ?? null,
      onCall: input.onCall && { ...input.onCall, startsAt: new Date(input.onCall.startsAt) },
    };
    await recordAuditEvent(tx, actor, {
      action: "service.oncall_changed",
      target: { type: "service", id: slug, name: slug },
      before,
      after,
    });
    const [service] = await readServiceViews(tx, now, [slug]);
    return { service, created: !existing };
  });
}
