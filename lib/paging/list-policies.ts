import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { escalationPolicies, escalationSteps, servicePaging } from "@/db/paging-schema";
import { type Actor } from "@/lib/actor";
import { notFound } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { PolicyView, StepTargetInput } from "./schemas";

type PolicyRow = typeof escalationPolicies.$inferSelect;

/** Ids are opaque; anything that cannot be one is simply not found. */
export const isPolicyIdShape = (id: string) => id.length > 0 && id.length <= 64 && !id.includes("\u0000");

/** Views of the given policies (all when `ids` is absent), by name, with their steps and services. */
export async function readPolicies(db: Db, ids?: string[]): Promise<PolicyView[]> {
  const rows = await db
    .select()
    .from(escalationPolicies)
    .where(ids ? inArray(escalationPolicies.id, ids.length ? ids : [""]) : undefined)
    .orderBy(asc(sql`lower(${escalationPolicies.name})`), asc(escalationPolicies.id));
  if (rows.length === 0) return [];
  const policyIds = rows.map((row) => row.id);
  const [steps, usedBy] = await Promise.all([
    db
      .select()
      .from(escalationSteps)
      .where(inArray(escalationSteps.policyId, policyIds))
      .orderBy(asc(escalationSteps.policyId), asc(escalationSteps.position)),
    db
      .select({ policyId: servicePaging.policyId, service: servicePaging.serviceSlug })
      .from(servicePaging)
      .where(inArray(servicePaging.policyId, policyIds))
      .orderBy(asc(servicePaging.serviceSlug)),
  ]);
  return rows.map((row) => toPolicyView(row, steps, usedBy));
}

function toPolicyView(
  row: PolicyRow,
  steps: (typeof escalationSteps.$inferSelect)[],
  usedBy: { policyId: string | null; service: string }[],
): PolicyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    repeat: row.repeat,
    isDefault: row.isDefault,
    ackTimeoutMinutes: row.ackTimeoutMinutes,
    steps: steps
      .filter((step) => step.policyId === row.id)
      .map((step) => ({ delayMinutes: step.delayMinutes, targets: step.targets as StepTargetInput[] })),
    services: usedBy.filter((u) => u.policyId === row.id).map((u) => u.service),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function listPolicies(db: Db, actor: Actor): Promise<{ items: PolicyView[] }> {
  authorize(actor, "paging.read");
  return { items: await readPolicies(db) };
}

export async function getPolicy(db: Db, actor: Actor, id: string): Promise<PolicyView> {
  authorize(actor, "paging.read");
  if (!isPolicyIdShape(id)) throw notFound("Escalation policy");
  const [view] = await readPolicies(db, [id]);
  if (!view) throw notFound(`Escalation policy ${id}`);
  return view;
}

/** The policy row locked for a change; 404 when it does not exist, 412 when `expectedVersion` is stale. */
export async function lockPolicy(tx: Db, id: string): Promise<PolicyRow> {
  if (!isPolicyIdShape(id)) throw notFound("Escalation policy");
  const [row] = await tx.select().from(escalationPolicies).where(eq(escalationPolicies.id, id)).for("update");
  if (!row) throw notFound(`Escalation policy ${id}`);
  return row;
}
