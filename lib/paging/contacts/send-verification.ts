import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { authorize } from "@/lib/permissions";
import { clock, type UseCaseOptions } from "@/lib/validation";
import { verificationMessage } from "./chat-messages";
import { type ContactMethodRow, contactOwner, lockOwnMethod } from "./contact-method-view";
import { type ContactPostOptions, postToContact } from "./post-to-contact";
import type { ContactMethodType } from "./schemas";
import {
  CODE_LIFETIME_MS,
  codeSentAt,
  hashVerificationCode,
  newVerificationCode,
  RESEND_AFTER_MS,
} from "./verification-code";

export type SendVerificationOptions = UseCaseOptions & ContactPostOptions;

const verificationMail = (row: ContactMethodRow, code: string) => ({
  to: row.address,
  subject: `Your verification code: ${code}`,
  text: [
    `Enter ${code} to verify "${row.label}" as a way to page you.`,
    "",
    "The code is valid for 10 minutes. If you did not ask for it, ignore this mail: nothing changes.",
  ].join("\n"),
});

/**
 * Sends a fresh 6-digit code to the method (at most once a minute); only its hash is kept, for 10
 * minutes and 5 tries. Mail goes through the mail queue in this transaction. A chat or webhook
 * method gets one POST after commit, through the webhooks' guarded client, so the person learns
 * at once when the URL does not take it; the code is then withdrawn so they may retry straight away.
 */
export async function sendVerification(
  db: Db,
  actor: Actor,
  id: string,
  options: SendVerificationOptions = {},
): Promise<{ id: string; expiresAt: Date; sentBy: "mail" | "post" }> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  const code = newVerificationCode();
  const { row, now, expiresAt } = await runTransaction(db, async (tx) => {
    const row = await lockOwnMethod(tx, userId, id);
    const now = clock(options);
    if (row.verifiedAt) throw new DomainError("conflict", `"${row.label}" is already verified.`);
    if (row.verificationExpiresAt) {
      const wait = codeSentAt(row.verificationExpiresAt).getTime() + RESEND_AFTER_MS - now.getTime();
      if (wait > 0)
        throw new DomainError(
          "rate_limited",
          "A code was sent less than a minute ago; wait before asking again.",
          {
            retryAfter: Math.ceil(wait / 1000),
          },
        );
    }
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MS);
    await tx
      .update(contactMethods)
      .set({
        verificationCodeHash: hashVerificationCode(row.id, code),
        verificationExpiresAt: expiresAt,
        verificationAttempts: 0,
      })
      .where(eq(contactMethods.id, row.id));
    // One mail per send, numbered by the send's time (its code's expiry; sends are a minute apart).
    if (row.type === "email")
      await enqueueMail(tx, verificationMail(row, code), {
        key: `contact-verify:${row.id}:${expiresAt.getTime()}`,
        now,
      });
    return { row, now, expiresAt };
  });
  if (row.type === "email") return { id: row.id, expiresAt, sentBy: "mail" };

  const message = verificationMessage(row.type as ContactMethodType, row, code, now);
  const { outcome } = await postToContact(row, message, `cmv_${row.id}_${now.getTime()}`, now, options);
  if (outcome.kind === "delivered") return { id: row.id, expiresAt, sentBy: "post" };
  await runTransaction(db, (tx) =>
    tx
      .update(contactMethods)
      .set({ verificationCodeHash: null, verificationExpiresAt: null, verificationAttempts: 0 })
      .where(
        and(
          eq(contactMethods.id, row.id),
          eq(contactMethods.verificationCodeHash, hashVerificationCode(row.id, code)),
        ),
      ),
  );
  throw new DomainError(
    outcome.kind === "permanent" ? "validation" : "unavailable",
    `The code could not be delivered to "${row.label}": ${outcome.error}`,
    { errors: [{ path: "address", message: outcome.error }] },
  );
}
