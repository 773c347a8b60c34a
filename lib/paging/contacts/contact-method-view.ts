import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { redactUrl } from "@/lib/audit/audit-diff";
import type { AuditTarget } from "@/lib/audit/record-audit-event";
import { DomainError, notFound } from "@/lib/errors";
import type { ContactMethodType, ContactMethodView } from "./schemas";

export type ContactMethodRow = typeof contactMethods.$inferSelect;

/**
 * Whose contact methods `me` means: the signed-in person. An API token pages nobody and has no
 * phone or inbox of its own, so it is refused rather than acting for whoever created it.
 */
export function contactOwner(actor: Actor): string {
  if (actor.type === "user") return actor.userId;
  throw new DomainError(
    "forbidden",
    "Contact methods and notification rules belong to a signed-in person; an API token has none. Sign in to change yours.",
  );
}

export const shownAddress = (row: Pick<ContactMethodRow, "type" | "address">) =>
  row.type === "email" ? row.address : redactUrl(row.address);

export function toContactMethodView(row: ContactMethodRow, now = new Date()): ContactMethodView {
  return {
    id: row.id,
    type: row.type as ContactMethodType,
    label: row.label,
    address: shownAddress(row),
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt,
    verificationPending:
      row.verifiedAt === null &&
      row.verificationCodeHash !== null &&
      (row.verificationExpiresAt?.getTime() ?? 0) > now.getTime(),
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of a method: never its secret or code, a URL only as its origin. */
export const contactAuditSnapshot = (row: ContactMethodRow) => ({
  userId: row.userId,
  type: row.type,
  label: row.label,
  address: shownAddress(row),
  verified: row.verifiedAt !== null,
});

export const contactAuditTarget = (row: ContactMethodRow): AuditTarget => ({
  type: "contact_method",
  id: row.id,
  name: row.label,
});

/** The caller's own method, locked for the change; another person's is as absent as a missing one. */
export async function lockOwnMethod(tx: Db, userId: string, id: string): Promise<ContactMethodRow> {
  const [row] = await tx
    .select()
    .from(contactMethods)
    .where(and(eq(contactMethods.id, id), eq(contactMethods.userId, userId)))
    .for("update");
  if (!row) throw notFound(`Contact method ${id}`);
  return row;
}
