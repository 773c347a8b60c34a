import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { services } from "@/db/core-schema";
import { escalationPolicies, escalationSteps, type StepTarget } from "@/db/paging-schema";
import { assertAssignees } from "@/lib/catalog/references";
import { type FieldError, validationError } from "@/lib/errors";
import type { CreatePolicyInput } from "./schemas";

type Steps = CreatePolicyInput["steps"];

/**
 * Changes to policies are serialised: two edits that would each close half of a cycle (A hands to B
 * while B is changed to hand to A) cannot both pass the check below.
 */
export const lockPolicyGraph = (tx: Db) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext('escalation_policies'))`);

/**
 * Every target exists and can be paged (responders and admins, services of the catalog, policies),
 * and handing to other policies never comes back to this one. Errors name the step and target.
 */
export async function assertPolicySteps(tx: Db, policyId: string | null, steps: Steps): Promise<void> {
  const errors: FieldError[] = [];
  const people: Record<string, string> = {};
  const serviceRefs: [string, string][] = [];
  const policyRefs: [string, string][] = [];
  steps.forEach((step, i) =>
    step.targets.forEach((target, j) => {
      const path = `steps.${i}.targets.${j}`;
      if (target.type === "user") people[`${path}.userId`] = target.userId;
      else if (target.type === "oncall") serviceRefs.push([`${path}.service`, target.service]);
      else policyRefs.push([`${path}.policyId`, target.policyId]);
    }),
  );
  await assertAssignees(tx, people);
  if (serviceRefs.length) {
    const known = await tx
      .select({ slug: services.slug })
      .from(services)
      .where(
        inArray(
          services.slug,
          serviceRefs.map(([, slug]) => slug),
        ),
      );
    const slugs = new Set(known.map((row) => row.slug));
    for (const [path, slug] of serviceRefs)
      if (!slugs.has(slug)) errors.push({ path, message: `No service "${slug}" in the catalog.` });
  }
  if (policyRefs.length) {
    const graph = await policyGraph(tx);
    if (policyId) graph.set(policyId, new Set(policyRefs.map(([, id]) => id)));
    for (const [path, target] of policyRefs) {
      if (!graph.has(target)) errors.push({ path, message: `No escalation policy "${target}".` });
      else if (policyId && reaches(graph, target, policyId))
        errors.push({
          path,
          message:
            target === policyId
              ? "A policy cannot hand over to itself."
              : "This hands over in a circle: that policy leads back to this one.",
        });
    }
  }
  if (errors.length) throw validationError(errors);
}

/** policy id → the policies its steps hand over to. */
async function policyGraph(tx: Db): Promise<Map<string, Set<string>>> {
  const [policies, steps] = await Promise.all([
    tx.select({ id: escalationPolicies.id }).from(escalationPolicies),
    tx.select({ policyId: escalationSteps.policyId, targets: escalationSteps.targets }).from(escalationSteps),
  ]);
  const graph = new Map(policies.map((p) => [p.id, new Set<string>()]));
  for (const step of steps)
    for (const target of step.targets as StepTarget[])
      if (target.type === "policy") graph.get(step.policyId)?.add(target.policyId);
  return graph;
}

function reaches(graph: Map<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    stack.push(...(graph.get(at) ?? []));
  }
  return false;
}

/** Replaces a policy's steps (positions 0..n-1). */
export async function writeSteps(tx: Db, policyId: string, steps: Steps) {
  await tx.delete(escalationSteps).where(eq(escalationSteps.policyId, policyId));
  await tx.insert(escalationSteps).values(
    steps.map((step, position) => ({
      policyId,
      position,
      delayMinutes: step.delayMinutes,
      targets: step.targets as StepTarget[],
    })),
  );
}
