import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookSubscriptions } from "@/db/webhooks-schema";
import { validationError } from "@/lib/errors";

/** A workflow's notify actions must name existing subscriptions (422 on the action's webhookId otherwise). */
export async function assertNotifyTargets(
  db: Db,
  actions: { type: string; webhookId?: string }[],
): Promise<void> {
  const wanted = actions.flatMap((action, i) =>
    action.type === "notify" && action.webhookId ? [{ i, id: action.webhookId }] : [],
  );
  if (wanted.length === 0) return;
  const found = new Set(
    (
      await db
        .select({ id: webhookSubscriptions.id })
        .from(webhookSubscriptions)
        .where(
          inArray(
            webhookSubscriptions.id,
            wanted.map((w) => w.id),
          ),
        )
    ).map((row) => row.id),
  );
  const missing = wanted.filter((w) => !found.has(w.id));
  if (missing.length) {
    throw validationError(
      missing.map((w) => ({
        path: `actions.${w.i}.webhookId`,
        message: `No webhook subscription ${w.id}; an admin creates them under Settings → Webhooks.`,
      })),
      "A notify action names an unknown webhook subscription.",
    );
  }
}
