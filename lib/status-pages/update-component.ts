import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponents } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import {
  assertGroupOnPage,
  assertServicesKnown,
  componentAudit,
  componentOnPage,
  componentTarget,
  replaceServices,
  servicesOf,
} from "./component-parts";
import { setComponentStatuses } from "./component-statuses";
import { lockStatusPage } from "./lock-status-page";
import { type ComponentStatus, type ComponentView, UpdateComponentInput } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";

/**
 * PATCH semantics. A status set here is a manual one (planned work, a problem not worth an incident):
 * it stands until the next public incident update that names the component.
 */
export async function updateComponent(
  db: Db,
  actor: Actor,
  pageId: string,
  componentId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ComponentView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(UpdateComponentInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  const { view, snapshot } = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const current = await componentOnPage(tx, pageId, componentId);
    const now = clock(options);
    if (input.groupId !== undefined) await assertGroupOnPage(tx, pageId, input.groupId);
    if (input.services !== undefined) await assertServicesKnown(tx, input.services);
    const servicesBefore = await servicesOf(tx, componentId);
    const { status, services, ...fields } = input;
    const [updated] = await tx
      .update(statusPageComponents)
      .set({ ...fields, updatedAt: now })
      .where(eq(statusPageComponents.id, componentId))
      .returning();
    if (services !== undefined) await replaceServices(tx, componentId, services);
    if (status !== undefined)
      await setComponentStatuses(tx, [{ component: updated, status, publicIncidentId: null }], now);
    const after = { ...updated, status: status ?? updated.status };
    const servicesAfter = services ? [...services].sort() : servicesBefore;
    await recordAuditEvent(tx, actor, {
      action: "status_component.updated",
      target: componentTarget(after),
      before: componentAudit(current, servicesBefore),
      after: componentAudit(after, servicesAfter),
    });
    return {
      view: {
        id: after.id,
        groupId: after.groupId,
        name: after.name,
        description: after.description,
        position: after.position,
        status: after.status as ComponentStatus,
        services: servicesAfter,
      },
      snapshot: await rebuildSnapshot(tx, page, now),
    };
  });
  rememberSnapshots(db, [snapshot]);
  return view;
}
