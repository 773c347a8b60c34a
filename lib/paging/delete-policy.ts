import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies, escalationSteps, pages } from "@/db/paging-schema";
import { type Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { lockPolicy, readPolicies } from "./list-policies";
import { policyAuditSnapshot, policyAuditTarget } from "./policy-audit";
import { lockPolicyGraph } from "./policy-graph";

/**
 * Deletes a policy that nothing depends on: no other policy hands over to it and no page is open
 * under it (its escalation would lose its steps mid-way). Services using it fall back to the default.
 */
export async function deletePolicy(db: Db, actor: Actor, id: string): Promise<void> {
  authorize(actor, "escalation-policies.manage");
  await runTransaction(db, async (tx) => {
    await lockPolicyGraph(tx);
    await lockPolicy(tx, id);
    const [view] = await readPolicies(tx, [id]);
    const handedBy = await tx
      .select({ policyId: escalationSteps.policyId })
      .from(escalationSteps)
      .where(sql`${escalationSteps.targets} @> ${JSON.stringify([{ type: "policy", policyId: id }])}::jsonb`);
    if (handedBy.length)
      throw new DomainError(
        "conflict",
        `${view.name} is a step of ${[...new Set(handedBy.map((r) => r.policyId))].join(", ")}: change that policy first.`,
      );
    const [open] = await tx
      .select({ id: pages.id })
      .from(pages)
      .where(sql`${pages.policyId} = ${id} and ${pages.state} <> 'resolved'`)
      .limit(1);
    if (open)
      throw new DomainError("conflict", `${view.name} is escalating page ${open.id}: resolve it first.`);
    await tx.delete(escalationPolicies).where(eq(escalationPolicies.id, id));
    await recordAuditEvent(tx, actor, {
      action: "escalation_policy.deleted",
      target: policyAuditTarget(view),
      before: policyAuditSnapshot(view),
    });
  });
}
