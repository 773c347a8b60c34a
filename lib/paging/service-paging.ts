import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { services } from "@/db/core-schema";
import { escalationPolicies, servicePaging } from "@/db/paging-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound, validationError } from "@/lib/errors";
import type { Severity } from "@/lib/incidents/severity";
import { parseSlug } from "@/lib/oncall/list-services";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { ServicePagingInput, type ServicePagingView } from "./schemas";

const DEFAULTS = {
  policyId: null,
  highUrgencySeverities: ["SEV1", "SEV2"] as Severity[],
  lowUrgencyBusinessHoursOnly: false,
  timeZone: "UTC",
  businessHoursStart: 9,
  businessHoursEnd: 17,
};

/** How the service is paged (the defaults when it was never set); no permission check: engine reads it. */
export async function readServicePaging(db: Db, service: string): Promise<ServicePagingView> {
  const [row] = await db.select().from(servicePaging).where(eq(servicePaging.serviceSlug, service));
  const [fallback] = await db
    .select({ id: escalationPolicies.id })
    .from(escalationPolicies)
    .where(eq(escalationPolicies.isDefault, true));
  const settings = row
    ? { ...row, highUrgencySeverities: row.highUrgencySeverities as Severity[] }
    : DEFAULTS;
  return {
    service,
    policyId: settings.policyId,
    effectivePolicyId: settings.policyId ?? fallback?.id ?? null,
    highUrgencySeverities: settings.highUrgencySeverities,
    lowUrgencyBusinessHoursOnly: settings.lowUrgencyBusinessHoursOnly,
    timeZone: settings.timeZone,
    businessHoursStart: settings.businessHoursStart,
    businessHoursEnd: settings.businessHoursEnd,
  };
}

async function assertService(db: Db, slug: string) {
  const [row] = await db.select({ slug: services.slug }).from(services).where(eq(services.slug, slug));
  if (!row) throw notFound(`Service ${slug}`);
}

export async function getServicePaging(db: Db, actor: Actor, rawSlug: string): Promise<ServicePagingView> {
  authorize(actor, "paging.read");
  const slug = parseSlug(rawSlug);
  await assertService(db, slug);
  return readServicePaging(db, slug);
}

/** PUT semantics: the service's whole paging set-up. */
export async function setServicePaging(
  db: Db,
  actor: Actor,
  rawSlug: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ServicePagingView> {
  authorize(actor, "escalation-policies.manage");
  const slug = parseSlug(rawSlug);
  const input = parseInput(ServicePagingInput, rawInput);
  return runTransaction(db, async (tx) => {
    await assertService(tx, slug);
    if (input.policyId) {
      const [policy] = await tx
        .select({ id: escalationPolicies.id })
        .from(escalationPolicies)
        .where(eq(escalationPolicies.id, input.policyId));
      if (!policy)
        throw validationError([{ path: "policyId", message: `No escalation policy "${input.policyId}".` }]);
    }
    const before = await readServicePaging(tx, slug);
    const values = { ...input, updatedBy: actorLabel(actor), updatedAt: clock(options) };
    await tx
      .insert(servicePaging)
      .values({ serviceSlug: slug, ...values })
      .onConflictDoUpdate({ target: servicePaging.serviceSlug, set: values });
    const after = await readServicePaging(tx, slug);
    await recordAuditEvent(tx, actor, {
      action: "service.paging_changed",
      target: { type: "service", id: slug, name: slug },
      before: { ...before },
      after: { ...after },
    });
    return after;
  });
}
