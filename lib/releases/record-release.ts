import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases } from "@/db/errors-schema";
import { type Actor, actorLabel } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { assertEnvironment, ensureServices } from "@/lib/catalog/references";
import { runTransaction } from "@/lib/db/run-transaction";
import { validationError } from "@/lib/errors";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { RecordReleaseInput, type ReleaseView } from "./schemas";
import { toReleaseView } from "./to-view";

/**
 * Records a deployment. A version is deployed once per service and environment: posting it again
 * (a retried CI step) answers the stored release with `created: false` and changes nothing.
 */
export async function recordRelease(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<{ release: ReleaseView; created: boolean }> {
  authorize(actor, "releases.record");
  const input = parseInput(RecordReleaseInput, rawInput);
  const now = clock(options);
  const deployedAt = input.deployedAt ? new Date(input.deployedAt) : now;
  if (deployedAt.getTime() > now.getTime() + 5 * 60_000)
    throw validationError([{ path: "deployedAt", message: "In the future." }]);

  return runTransaction(db, async (tx) => {
    await assertEnvironment(tx, input.environment);
    await ensureServices(tx, [input.service]);
    const [inserted] = await tx
      .insert(releases)
      .values({
        id: `rel_${randomBytes(8).toString("hex")}`,
        service: input.service,
        environment: input.environment,
        version: input.version,
        commitSha: input.commit?.toLowerCase() ?? null,
        url: input.url ?? null,
        deployedAt,
        deployedBy: input.deployedBy ?? actorLabel(actor),
        createdBy: actorLabel(actor),
        createdAt: now,
      })
      .onConflictDoNothing({ target: [releases.service, releases.environment, releases.version] })
      .returning();
    if (inserted) return { release: toReleaseView(inserted), created: true };
    const [existing] = await tx
      .select()
      .from(releases)
      .where(
        and(
          eq(releases.service, input.service),
          eq(releases.environment, input.environment),
          eq(releases.version, input.version),
        ),
      );
    return { release: toReleaseView(existing), created: false };
  });
}
