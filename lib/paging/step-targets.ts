import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/core-schema";
import { contactMethods, escalationSteps, type StepTarget } from "@/db/paging-schema";
import { findOnCall } from "@/lib/oncall/load-on-call";
import { canRespond } from "@/lib/permissions";

export type Reached = { userId: string; name: string; why: string };
export type Skipped = { userId: string | null; name: string; reason: string };

/**
 * The people a step reaches now: each target resolved (the on-call through rotations, hand-offs and
 * overrides; another policy through its first step), then everyone who cannot be paged is set aside
 * with the reason, so the page never waits silently on someone it cannot reach.
 */
export async function stepTargets(
  tx: Db,
  targets: StepTarget[],
  now: Date,
): Promise<{ reached: Reached[]; skipped: Skipped[] }> {
  const wanted: { userId: string; why: string }[] = [];
  const skipped: Skipped[] = [];
  await expand(tx, targets, now, wanted, skipped, new Set());
  const ids = [...new Set(wanted.map((w) => w.userId))];
  const rows = ids.length
    ? await tx
        .select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(inArray(users.id, ids))
    : [];
  const verified = ids.length
    ? await tx
        .selectDistinct({ userId: contactMethods.userId })
        .from(contactMethods)
        .where(and(inArray(contactMethods.userId, ids), isNotNull(contactMethods.verifiedAt)))
    : [];
  const reachable = new Set(verified.map((v) => v.userId));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const reached: Reached[] = [];
  for (const id of ids) {
    const user = byId.get(id);
    const why = wanted.find((w) => w.userId === id)!.why;
    if (!user) skipped.push({ userId: id, name: id, reason: "no such user any more" });
    else if (user.disabledAt)
      skipped.push({ userId: id, name: user.name, reason: "their account is disabled" });
    else if (!canRespond(user))
      skipped.push({ userId: id, name: user.name, reason: `a ${user.role} cannot respond` });
    else if (!reachable.has(id))
      skipped.push({ userId: id, name: user.name, reason: "no verified contact method" });
    else reached.push({ userId: id, name: user.name, why });
  }
  return { reached, skipped };
}

async function expand(
  tx: Db,
  targets: StepTarget[],
  now: Date,
  wanted: { userId: string; why: string }[],
  skipped: Skipped[],
  seen: Set<string>,
) {
  for (const target of targets) {
    if (target.type === "user") wanted.push({ userId: target.userId, why: "named in the step" });
    else if (target.type === "oncall") {
      const onCall = await findOnCall(tx, target.service, now);
      if (onCall?.userId) wanted.push({ userId: onCall.userId, why: `on call for ${target.service}` });
      else skipped.push({ userId: null, name: `on-call of ${target.service}`, reason: "nobody is on call" });
    } else if (!seen.has(target.policyId)) {
      // Saved policies have no circles (policy-graph.ts); `seen` only guards against a race with an edit.
      seen.add(target.policyId);
      const [first] = await tx
        .select({ targets: escalationSteps.targets })
        .from(escalationSteps)
        .where(eq(escalationSteps.policyId, target.policyId))
        .orderBy(asc(escalationSteps.position))
        .limit(1);
      await expand(tx, (first?.targets as StepTarget[]) ?? [], now, wanted, skipped, seen);
    }
  }
}
