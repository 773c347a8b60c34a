import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { errorGroups } from "@/db/errors-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { notFound } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { type ErrorGroupView, UpdateErrorGroupInput } from "./schemas";
import { toErrorGroupView } from "./to-view";

/** Resolves, ignores or reopens an error group; a resolved group that recurs is unresolved again by the ingest. */
export async function updateErrorGroup(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ErrorGroupView> {
  authorize(actor, "errors.update");
  const input = parseInput(UpdateErrorGroupInput, rawInput);
  return runTransaction(db, async (tx) => {
    const [row] =
      id.length <= 200
        ? await tx
            .update(errorGroups)
            .set({ status: input.status, updatedAt: clock(options) })
            .where(eq(errorGroups.id, id))
            .returning()
        : [];
    if (!row) throw notFound(`Error group ${id}`);
    return toErrorGroupView(row);
  });
}
