import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies } from "@/db/paging-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { lockPolicy, readPolicies } from "./list-policies";
import { policyAuditSnapshot, policyAuditTarget } from "./policy-audit";
import { assertPolicySteps, lockPolicyGraph, writeSteps } from "./policy-graph";
import { CreatePolicyInput, type PolicyView, UpdatePolicyInput } from "./schemas";

const nameTaken = (name: string) =>
  new DomainError("already_exists", `An escalation policy named "${name}" already exists.`, {
    errors: [{ path: "name", message: "Already used by another policy." }],
  });

/** The default policy is the one of services that name none: making one default unmarks the other. */
async function takeDefault(tx: Db, policyId: string) {
  await tx
    .update(escalationPolicies)
    .set({ isDefault: false })
    .where(and(eq(escalationPolicies.isDefault, true), ne(escalationPolicies.id, policyId)));
}

export async function createPolicy(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<PolicyView> {
  authorize(actor, "escalation-policies.manage");
  const input = parseInput(CreatePolicyInput, rawInput);
  try {
    return await runTransaction(db, async (tx) => {
      await lockPolicyGraph(tx);
      await assertPolicySteps(tx, null, input.steps);
      const now = clock(options);
      const id = `ep_${randomUUID()}`;
      if (input.isDefault) await takeDefault(tx, id);
      await tx.insert(escalationPolicies).values({
        id,
        name: input.name,
        description: input.description,
        repeat: input.repeat,
        isDefault: input.isDefault,
        ackTimeoutMinutes: input.ackTimeoutMinutes,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      });
      await writeSteps(tx, id, input.steps);
      const [view] = await readPolicies(tx, [id]);
      await recordAuditEvent(tx, actor, {
        action: "escalation_policy.created",
        target: policyAuditTarget(view),
        after: policyAuditSnapshot(view),
      });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export type UpdatePolicyOptions = UseCaseOptions & { expectedVersion?: number };

/** PATCH semantics; `steps` replaces the whole list. Pages already running keep the step they are at. */
export async function updatePolicy(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UpdatePolicyOptions = {},
): Promise<PolicyView> {
  authorize(actor, "escalation-policies.manage");
  const input = parseInput(UpdatePolicyInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  try {
    return await runTransaction(db, async (tx) => {
      await lockPolicyGraph(tx);
      const row = await lockPolicy(tx, id);
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version)
        throw new DomainError(
          "precondition_failed",
          `Escalation policy ${row.name} was changed by someone else (you had version ${options.expectedVersion}, it is now ${row.version}). Reload and try again.`,
          { extra: { currentVersion: row.version } },
        );
      const [before] = await readPolicies(tx, [id]);
      if (input.steps) await assertPolicySteps(tx, id, input.steps);
      if (input.isDefault) await takeDefault(tx, id);
      await tx
        .update(escalationPolicies)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.repeat !== undefined ? { repeat: input.repeat } : {}),
          ...(input.isDefault !== undefined ? { isDefault: input.isDefault } : {}),
          ...(input.ackTimeoutMinutes !== undefined ? { ackTimeoutMinutes: input.ackTimeoutMinutes } : {}),
          updatedAt: clock(options),
          version: row.version + 1,
        })
        .where(eq(escalationPolicies.id, id));
      if (input.steps) await writeSteps(tx, id, input.steps);
      const [after] = await readPolicies(tx, [id]);
      await recordAuditEvent(tx, actor, {
        action: "escalation_policy.updated",
        target: policyAuditTarget(after),
        before: policyAuditSnapshot(before),
        after: policyAuditSnapshot(after),
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? "");
    throw error;
  }
}
