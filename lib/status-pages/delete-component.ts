import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponents } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { componentAudit, componentOnPage, componentTarget, servicesOf } from "./component-parts";
import { lockStatusPage } from "./lock-status-page";
import { rememberSnapshots } from "./snapshot-cache";

/** Deletes the component with its impact history; past updates that named it no longer show it. */
export async function deleteComponent(
  db: Db,
  actor: Actor,
  pageId: string,
  componentId: string,
  options: UseCaseOptions = {},
): Promise<void> {
  authorize(actor, "status-pages.manage");
  const snapshot = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const current = await componentOnPage(tx, pageId, componentId);
    const services = await servicesOf(tx, componentId);
    await tx.delete(statusPageComponents).where(eq(statusPageComponents.id, componentId));
    await recordAuditEvent(tx, actor, {
      action: "status_component.deleted",
      target: componentTarget(current),
      before: componentAudit(current, services),
    });
    return rebuildSnapshot(tx, page, clock(options));
  });
  rememberSnapshots(db, [snapshot]);
}
