import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { runTransaction } from "@/lib/db/run-transaction";
import { accounts, users } from "@/db/core-schema";
import { type Actor, ROLES } from "@/lib/actor";
import { authorize } from "@/lib/permissions";
import { DomainError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { parseInput } from "@/lib/validation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export const CreateUserInput = z.strictObject({
  id: z.string().trim().min(1).max(100).optional(),
  email: z.email("Enter a valid email address.").trim().toLowerCase(),
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: z.enum(ROLES),
  password: z.string().min(10, "At least 10 characters.").max(200).optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

/** 18 random bytes: 144 bits, far beyond guessing, and 24 characters that survive copy and paste. */
const generatePassword = () => randomBytes(18).toString("base64url");

/**
 * A user who can sign in with email + password (the hash is better-auth's scrypt). Without a password
 * one is generated here and returned once as `generatedPassword` (null when the caller chose one):
 * callers show it and forget it; it is stored only as a hash.
 */
export async function createUser(db: Db, actor: Actor, rawInput: unknown) {
  authorize(actor, "users.manage");
  const input = parseInput(CreateUserInput, rawInput);
  const id = input.id ?? `user_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = await hashPassword(input.password ?? generatedPassword!);
  try {
    return await runTransaction(db, async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ id, email: input.email, name: input.name, role: input.role, emailVerified: true })
        .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
      await tx
        .insert(accounts)
        .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password });
      // The row as returned: never the password, chosen or generated, nor its hash.
      await recordAuditEvent(tx, actor, {
        action: "user.created",
        target: { type: "user", id: user.id, name: user.name },
        after: { email: user.email, name: user.name, role: user.role },
      });
      return { ...user, generatedPassword };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("already_exists", `A user with email ${input.email} already exists.`, {
        errors: [{ path: "email", message: "Already registered." }],
      });
    }
    throw error;
  }
}
