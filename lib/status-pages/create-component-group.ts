import type { Db } from "@/db/client";
import { statusPageGroups } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { groupTarget, nextPosition } from "./component-parts";
import { lockStatusPage } from "./lock-status-page";
import { ComponentGroupInput, type GroupView } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { newStatusPageId } from "./status-page-ids";

export async function createComponentGroup(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<GroupView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(ComponentGroupInput, rawInput);
  const { group, snapshot } = await runTransaction(db, async (tx) => {
    const page = await lockStatusPage(tx, pageId);
    const now = clock(options);
    const [row] = await tx
      .insert(statusPageGroups)
      .values({
        id: newStatusPageId("spg"),
        pageId,
        name: input.name,
        position: await nextPosition(tx, statusPageGroups, pageId),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "status_group.created",
      target: groupTarget(row),
      after: { name: row.name },
    });
    return { group: row, snapshot: await rebuildSnapshot(tx, page, now) };
  });
  rememberSnapshots(db, [snapshot]);
  return { id: group.id, name: group.name, position: group.position };
}
