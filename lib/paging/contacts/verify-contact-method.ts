import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contactMethods } from "@/db/paging-schema";
import type { Actor } from "@/lib/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runTransaction } from "@/lib/db/run-transaction";
import { DomainError, validationError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { clock, parseInput, type UseCaseOptions } from "@/lib/validation";
import {
  contactAuditSnapshot,
  contactAuditTarget,
  contactOwner,
  lockOwnMethod,
  toContactMethodView,
} from "./contact-method-view";
import { type ContactMethodView, VerifyContactMethodInput } from "./schemas";
import { codeMatches, MAX_CODE_ATTEMPTS } from "./verification-code";

type Attempt = { view: ContactMethodView } | { refused: DomainError };

const newCodeNeeded = (why: string) =>
  validationError([{ path: "code", message: `${why} Send a new code.` }], `${why} Send a new code.`);

/**
 * Checks a code against the stored hash. A wrong code is counted in a committed transaction (then
 * refused), so the fifth wrong try locks the code whatever the caller does next; a verified method
 * answers as it is (a second click changes nothing).
 */
export async function verifyContactMethod(
  db: Db,
  actor: Actor,
  id: string,
  rawInput: unknown,
  options: UseCaseOptions = {},
): Promise<ContactMethodView> {
  authorize(actor, "contact-methods.manage");
  const userId = contactOwner(actor);
  const { code } = parseInput(VerifyContactMethodInput, rawInput);
  const result = await runTransaction(db, async (tx): Promise<Attempt> => {
    const row = await lockOwnMethod(tx, userId, id);
    const now = clock(options);
    if (row.verifiedAt) return { view: toContactMethodView(row, now) };
    if (!row.verificationCodeHash || !row.verificationExpiresAt)
      return { refused: newCodeNeeded("No code is waiting for this method.") };
    if (row.verificationAttempts >= MAX_CODE_ATTEMPTS)
      return {
        refused: new DomainError(
          "rate_limited",
          `${MAX_CODE_ATTEMPTS} wrong codes: this code no longer works. Send a new code.`,
          { errors: [{ path: "code", message: "Too many wrong codes. Send a new code." }] },
        ),
      };
    if (row.verificationExpiresAt.getTime() <= now.getTime())
      return { refused: newCodeNeeded("The code has expired (codes last 10 minutes).") };
    if (!codeMatches(row.id, code, row.verificationCodeHash)) {
      const attempts = row.verificationAttempts + 1;
      await tx
        .update(contactMethods)
        .set({ verificationAttempts: attempts })
        .where(eq(contactMethods.id, row.id));
      const left = MAX_CODE_ATTEMPTS - attempts;
      const message =
        left > 0
          ? `Wrong code; ${left} ${left === 1 ? "try" : "tries"} left.`
          : "Wrong code, and that was the last try. Send a new code.";
      return { refused: validationError([{ path: "code", message }], message) };
    }
    const [verified] = await tx
      .update(contactMethods)
      .set({
        verifiedAt: now,
        verificationCodeHash: null,
        verificationExpiresAt: null,
        verificationAttempts: 0,
      })
      .where(eq(contactMethods.id, row.id))
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "contact_method.verified",
      target: contactAuditTarget(verified),
      before: contactAuditSnapshot(row),
      after: contactAuditSnapshot(verified),
    });
    return { view: toContactMethodView(verified, now) };
  });
  if ("refused" in result) throw result.refused;
  return result.view;
}
