import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import { newWebhookSecret } from "@/lib/webhooks/sign";
import {
  privateTargetsAllowed,
  resolveTarget,
  TargetRefused,
  type TargetOptions,
} from "@/lib/webhooks/webhook-target";
import {
  contactAuditSnapshot,
  contactAuditTarget,
  contactOwner,
  toContactMethodView,
} from "./contact-method-view";
import { CreateContactMethodInput, type CreatedContactMethodView } from "./schemas";
import type { z } from "zod";

const MAX_METHODS_PER_USER = 20;

export type ContactMethodOptions = UseCaseOptions & TargetOptions;

/**
 * A chat or webhook address must be https and pass the webhooks' SSRF check (delivery checks again).
 * Plain http is accepted only where private targets are (WEBHOOK_ALLOW_PRIVATE_TARGETS=1, a receiver
 * on your own network), since anything else would carry the page and its links in clear.
 */
export async function assertContactAddressAllowed(address: string, options: TargetOptions): Promise<void> {
  const url = new URL(address);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && privateTargetsAllowed(options)))
    throw validationError([{ path: "address", message: "Must be an https:// URL." }]);
  try {
    await resolveTarget(address, options);
  } catch (error) {
    if (error instanceof TargetRefused)
      throw validationError([{ path: "address", message: error.message }], "This URL may not be paged.");
    throw error;
  }
}

/** Adds an unverified method; the generic webhook's signing secret is in this answer only. */
export async function createContactMethod(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: ContactMethodOptions = {},
): Promise<z.infer<typeof CreatedContactMethodView>> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  const input = parseInput(CreateContactMethodInput, rawInput);
  const address = input.type === "email" ? input.address.toLowerCase() : input.address;
  // Resolved before the transaction: no DNS wait while holding a connection.
  if (input.type !== "email") await assertContactAddressAllowed(address, options);
  const secret = input.type === "webhook" ? newWebhookSecret() : null;
  try {
    const row = await runTransaction(db, async (tx) => {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(contactMethods)
        .where(eq(contactMethods.userId, userId));
      if (n >= MAX_METHODS_PER_USER)
        throw new DomainError(
          "conflict",
          `You have ${n} contact methods, the most allowed; delete one first.`,
        );
      const [inserted] = await tx
        .insert(contactMethods)
        .values({
          id: `cm_${randomUUID().replaceAll("-", "")}`,
          userId,
          type: input.type,
          label: input.label,
          address,
          secret,
          createdAt: clock(options),
        })
        .returning();
      await recordAuditEvent(tx, actor, {
        action: "contact_method.created",
        target: contactAuditTarget(inserted),
        after: contactAuditSnapshot(inserted),
      });
      return inserted;
    });
    return { ...toContactMethodView(row), secret };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(
        "already_exists",
        `You already have this ${input.type} address as a contact method.`,
        {
          errors: [{ path: "address", message: "Already one of your contact methods." }],
        },
      );
    throw error;
  }
}
