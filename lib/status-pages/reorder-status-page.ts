import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statusPageComponents, statusPageGroups } from "@/db/status-pages-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { type FieldError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { orderedComponents, rebuildSnapshot } from "./build-snapshot";
import { statusPageView } from "./get-status-page";
import { lockStatusPage } from "./lock-status-page";
import { ReorderInput, type StatusPageView } from "./schemas";
import { pageAuditTarget } from "./status-page-audit";
import { rememberSnapshots } from "./snapshot-cache";

/** A list that is not exactly the page's ids (one missing, one extra, one twice) was made from a stale view. */
function permutationErrors(path: string, given: string[], actual: string[]): FieldError[] {
  const expected = new Set(actual);
  if (
    given.length === expected.size &&
    new Set(given).size === given.length &&
    given.every((id) => expected.has(id))
  )
    return [];
  return [{ path, message: `List every one of the page's ${actual.length} ${path} exactly once.` }];
}

/** Positions as `ids` order them: one statement per list. */
async function setPositions(
  tx: Db,
  table: typeof statusPageComponents | typeof statusPageGroups,
  ids: string[],
) {
  if (ids.length === 0) return;
  const cases = sql.join(
    ids.map((id, index) => sql`when ${id} then ${index}::integer`),
    sql` `,
  );
  await tx
    .update(table)
    .set({ position: sql`case ${table.id} ${cases} end` })
    .where(inArray(table.id, ids));
}

export async function reorderStatusPage(
  db: Db,
  actor: Actor,
  pageId: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<StatusPageView> {
  authorize(actor, "status-pages.manage");
  const input = parseInput(ReorderInput, rawInput);
  if (input.groups === undefined && input.components === undefined)
    throw validationError([{ path: "", message: "Send groups, components or both." }]);
  const { page, snapshot } = await runTransaction(db, async (tx) => {
    const current = await lockStatusPage(tx, pageId);
    const { groups, components } = await orderedComponents(tx, pageId);
    const errors = [
      ...(input.groups
        ? permutationErrors(
            "groups",
            input.groups,
            groups.map((g) => g.id),
          )
        : []),
      ...(input.components
        ? permutationErrors(
            "components",
            input.components,
            components.map((c) => c.id),
          )
        : []),
    ];
    if (errors.length) throw validationError(errors);
    if (input.groups) await setPositions(tx, statusPageGroups, input.groups);
    if (input.components) await setPositions(tx, statusPageComponents, input.components);
    await recordAuditEvent(tx, actor, {
      action: "status_page.reordered",
      target: pageAuditTarget(current),
      before: {
        groups: groups.map((g) => g.name),
        components: components.map((c) => c.name),
      },
      after: await orderedComponents(tx, pageId).then((after) => ({
        groups: after.groups.map((g) => g.name),
        components: after.components.map((c) => c.name),
      })),
    });
    const snapshot = await rebuildSnapshot(tx, current, clock(options));
    return { page: { ...current, revision: snapshot.revision }, snapshot };
  });
  rememberSnapshots(db, [snapshot]);
  return statusPageView(db, page);
}
