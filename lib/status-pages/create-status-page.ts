import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { statusPageView } from "./get-status-page";
import { assertSlugFree, rethrowSlugConflict, takeDefault } from "./page-default";
import { CreateStatusPageInput, type StatusPageView } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { pageAuditSnapshot, pageAuditTarget } from "./status-page-audit";
import { newStatusPageId } from "./status-page-ids";

export async function createStatusPage(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<StatusPageView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(CreateStatusPageInput, rawInput);
  const { page, snapshots } = await runTransaction(db, async (tx) => {
    const now = clock(options);
    await assertSlugFree(tx, input.slug);
    const others = input.isDefault ? await takeDefault(tx, "", now) : [];
    const [inserted] = await tx
      .insert(statusPages)
      .values({
        id: newStatusPageId("sp"),
        ...input,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "status_page.created",
      target: pageAuditTarget(inserted),
      after: pageAuditSnapshot(inserted),
    });
    const snapshot = await rebuildSnapshot(tx, inserted, now);
    return { page: { ...inserted, revision: snapshot.revision }, snapshots: [...others, snapshot] };
  }).catch((error: unknown) => rethrowSlugConflict(error, input.slug));
  rememberSnapshots(db, snapshots);
  return statusPageView(db, page);
}
