import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPages } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { rebuildSnapshot } from "./build-snapshot";
import { statusPageView } from "./get-status-page";
import { lockStatusPage } from "./lock-status-page";
import { assertSlugFree, rethrowSlugConflict, takeDefault } from "./page-default";
import { type StatusPageView, UpdateStatusPageInput } from "./schemas";
import { rememberSnapshots } from "./snapshot-cache";
import { pageAuditSnapshot, pageAuditTarget } from "./status-page-audit";

/** PATCH semantics; `isDefault: true` takes the flag from whichever page had it. */
export async function updateStatusPage(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<StatusPageView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(UpdateStatusPageInput, rawInput);
  if (Object.keys(input).length === 0)
    throw validationError([{ path: "", message: "Send at least one field to change." }]);
  const { page, snapshots } = await runTransaction(db, async (tx) => {
    const current = await lockStatusPage(tx, id);
    const now = clock(options);
    if (input.slug !== undefined) await assertSlugFree(tx, input.slug, id);
    const others = input.isDefault && !current.isDefault ? await takeDefault(tx, id, now) : [];
    const [updated] = await tx
      .update(statusPages)
      .set({ ...input, updatedAt: now })
      .where(eq(statusPages.id, id))
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "status_page.updated",
      target: pageAuditTarget(updated),
      before: pageAuditSnapshot(current),
      after: pageAuditSnapshot(updated),
    });
    const snapshot = await rebuildSnapshot(tx, updated, now);
    return { page: { ...updated, revision: snapshot.revision }, snapshots: [...others, snapshot] };
  }).catch((error: unknown) => rethrowSlugConflict(error, input.slug));
  rememberSnapshots(db, snapshots);
  return statusPageView(db, page);
}
