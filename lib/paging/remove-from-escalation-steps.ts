import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies, escalationSteps, type StepTarget } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

/**
 * A disabled person leaves every escalation step that names them (lib/users/disable-user.ts); a step
 * they alone filled goes, so the policy hands on rather than wait. The policy's version moves and the
 * change is an audit entry saying why. Returns the names of the policies changed.
 */
export async function removeFromEscalationSteps(
  tx: Db,
  actor: Actor,
  user: { id: string; name: string },
  now: Date,
) {
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
