import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oncallOverrides } from "@/db/oncall-schema";
import { services } from "@/db/core-schema";
import { type Actor, actorLabel, actorUserId } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertAssignees } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound, validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { readServiceViews } from "./load-on-call";
import { parseSlug } from "./list-services";
import { CreateOverrideInput } from "./schemas";
import type { OverrideView } from "./views";

/** Someone covers the service over [startsAt, endsAt); where overrides overlap, the newest wins. */
export async function createOverride(
  db: Db,
  actor: Actor,
  rawSlug: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<OverrideView> {
  authorize(actor, "oncall.manage");
  const slug = parseSlug(rawSlug);
  const input = parseInput(CreateOverrideInput, rawInput);
  return runTransaction(db, async (tx) => {
    const [service] = await tx
      .select({ slug: services.slug })
      .from(services)
      .where(eq(services.slug, slug))
      .for("update");
    if (!service) throw notFound(`Service ${slug}`);
    const now = clock(options);
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= now.getTime())
      throw validationError([{ path: "endsAt", message: "This override would already be over." }]);
    await assertAssignees(tx, { userId: input.userId }, "on call");
    const [row] = await tx
      .insert(oncallOverrides)
      .values({
        serviceSlug: slug,
        userId: input.userId,
        startsAt: new Date(input.startsAt),
        endsAt,
        createdBy: actorLabel(actor),
        createdByUserId: actorUserId(actor),
        createdAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "override.created",
      target: { type: "override", id: String(row.id), name: `${slug}: ${row.userId}` },
      after: { serviceSlug: slug, userId: row.userId, startsAt: row.startsAt, endsAt: row.endsAt },
    });
    const [view] = await readServiceViews(tx, now, [slug]);
    return view.overrides.find((o) => o.id === row.id)!;
  });
}
