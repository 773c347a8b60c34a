import { z } from "zod";
import type { Db } from "@/db/client";
import { postmortemSettings } from "@/db/postmortems-schema";
import { type Actor } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { runTransaction } from "@/lib/db/run-transaction";
import { SEVERITIES, type Severity } from "@/lib/incidents/severity";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const PostmortemSettingsView = z.object({ autoGenerate: z.record(z.enum(SEVERITIES), z.boolean()) });
export type PostmortemSettingsView = z.infer<typeof PostmortemSettingsView>;
export const UpdatePostmortemSettingsInput = z.strictObject({
  autoGenerate: z.partialRecord(z.enum(SEVERITIES), z.boolean()),
});

/** A severity without a row gets a postmortem automatically: the default is all of them. */
async function readSettings(db: Db): Promise<PostmortemSettingsView> {
  const rows = await db.select().from(postmortemSettings);
  const map = Object.fromEntries(
    SEVERITIES.map((s) => [s, rows.find((r) => r.severity === s)?.autoGenerate ?? true]),
  ) as Record<Severity, boolean>;
  return { autoGenerate: map };
}

export const autoGenerates = async (tx: Db, severity: Severity) =>
  (await readSettings(tx)).autoGenerate[severity] ?? true;

export async function getPostmortemSettings(db: Db, actor: Actor) {
  authorize(actor, "settings.read");
  return readSettings(db);
}

export async function updatePostmortemSettings(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: UseCaseOptions = {},
) {
  authorize(actor, "settings.manage");
  const input = parseInput(UpdatePostmortemSettingsInput, rawInput);
  const now = clock(options);
  await runTransaction(db, async (tx) => {
    const before = await readSettings(tx);
    for (const [severity, autoGenerate] of Object.entries(input.autoGenerate)) {
      await tx
        .insert(postmortemSettings)
        .values({ severity, autoGenerate: autoGenerate!, updatedAt: now })
        .onConflictDoUpdate({
          target: postmortemSettings.severity,
          set: { autoGenerate: autoGenerate!, updatedAt: now },
        });
    }
    await recordAuditEvent(tx, actor, {
      action: "settings.postmortems_changed",
      target: { type: "settings", id: "postmortems", name: "Postmortems" },
      before,
      after: await readSettings(tx),
    });
  });
  return readSettings(db);
}
