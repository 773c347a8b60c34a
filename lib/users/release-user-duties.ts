import type { Db } from "@/db/client";
import type { Actor } from "@/lib/actor";
import { releaseOnCall } from "@/lib/oncall/release-on-call";
import { removeFromEscalationSteps } from "@/lib/paging/remove-from-escalation-steps";

export type ReleasedDuties = { rotations: string[]; overrides: number; policies: string[] };

/**
 * A disabled account must never be the one a page waits on: it leaves its rotations and overrides
 * (lib/oncall) and every escalation step naming it (lib/paging), each change audited with the reason,
 * in the caller's transaction: never silent.
 */
export async function releaseUserDuties(
  tx: Db,
  actor: Actor,
  user: { id: string; name: string },
  now: Date,
): Promise<ReleasedDuties> {
  const onCall = await releaseOnCall(tx, actor, user, now);
  const policies = await removeFromEscalationSteps(tx, actor, user, now);
  return { ...onCall, policies };
}
