import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageGroups } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { groupOnPage, groupTarget } from "./component-parts";
import { lockStatusPage } from "./lock-status-page";
import { rememberSnapshots } from "./snapshot-cache";

/** Deletes a group; its components stay on the page, ungrouped (the foreign key sets them null). */
export async function deleteComponentGroup(
  db: Db,
  actor: Actor,
  pageId: string,
  groupId: string,
  options: UseCaseOptions = {},
): Promise<void> {
  authorize(actor, "status-pages.manage");
  const snapshot = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const current = await groupOnPage(tx, pageId, groupId);
    await tx.delete(statusPageGroups).where(eq(statusPageGroups.id, groupId));
    await recordAuditEvent(tx, actor, {
      action: "status_group.deleted",
      target: groupTarget(current),
      before: { name: current.name },
    });
    return rebuildSnapshot(tx, page, clock(options));
  });
  rememberSnapshots(db, [snapshot]);
}
