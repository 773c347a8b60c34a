import type { Db } from "@/db/client";
import { statusPageComponents } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import {
  assertGroupOnPage,
  assertServicesKnown,
  componentAudit,
  componentTarget,
  nextPosition,
  replaceServices,
} from "./component-parts";
import { setComponentStatuses } from "./component-statuses";
import { lockStatusPage } from "./lock-status-page";
import { type ComponentView, CreateComponentInput } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { newStatusPageId } from "./status-page-ids";

/** A new component goes last; one created in a status other than operational opens its interval. */
export async function createComponent(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ComponentView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(CreateComponentInput, rawInput);
  const { view, snapshot } = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const now = clock(options);
    await assertGroupOnPage(tx, pageId, input.groupId);
    await assertServicesKnown(tx, input.services);
    const [row] = await tx
      .insert(statusPageComponents)
      .values({
        id: newStatusPageId("spc"),
        pageId,
        groupId: input.groupId,
        name: input.name,
        description: input.description,
        position: await nextPosition(tx, statusPageComponents, pageId),
        status: "operational",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await replaceServices(tx, row.id, input.services);
    await setComponentStatuses(tx, [{ component: row, status: input.status, publicIncidentId: null }], now);
    const created = { ...row, status: input.status };
    await recordAuditEvent(tx, actor, {
      action: "status_component.created",
      target: componentTarget(created),
      after: componentAudit(created, input.services),
    });
    return {
      view: { ...created, status: input.status, services: input.services },
      snapshot: await rebuildSnapshot(tx, page, now),
    };
  });
  rememberSnapshots(db, [snapshot]);
  return {
    id: view.id,
    groupId: view.groupId,
    name: view.name,
    description: view.description,
    position: view.position,
    status: view.status,
    services: [...view.services].sort(),
  };
}
