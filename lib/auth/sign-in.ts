import { z } from "zod";
import { getDb } from "@/db/client";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ACCOUNT_DISABLED, getAuth } from "./auth";
import { issueKnownDevice, knownDeviceCookie, knownDeviceOf } from "./known-device";
import { requestInfo, untrustedClientAddress } from "./request-info";
import { recordSignIn } from "./sign-in-audit";
import { pruneSignInAttempts, recordSignInAttempt } from "./sign-in-rate-limit";

export const SignInInput = z.strictObject({
  email: z.email("Enter the email address of your account.").trim().toLowerCase(),
  password: z.string().min(1, "Enter your password.").max(200),
});

const DISABLED_MESSAGE = "This account is disabled. Ask an admin to re-enable it.";

/**
 * Email + password through better-auth (which hashes, checks and sets the session cookie), behind
 * growing delays per (account, client), a per-IP limit and an account ceiling for unknown clients
 * (lib/auth/sign-in-rate-limit.ts). A disabled account is told so only after its password was right,
 * so the message reveals nothing to a guesser. Answers the known-device cookie value to set.
 */
export async function signIn(
  rawInput: unknown,
  context: { headers: Headers; ip: string | null },
): Promise<{ knownDevice: string }> {
  const input = parseInput(SignInInput, rawInput);
  const db = await getDb();
  const device = await knownDeviceOf(db, knownDeviceCookie(context.headers), input.email);
  const attempt = await recordSignInAttempt(db, input.email, context.ip, new Date(), {
    device,
    address: untrustedClientAddress(context.headers),
  });
  const request = { ...requestInfo(context.headers), ip: context.ip };
  const auth = await getAuth();
  try {
    await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: context.headers,
    });
  } catch (error) {
    if ((error as { body?: { code?: string } }).body?.code === ACCOUNT_DISABLED) {
      await attempt.succeeded();
      await recordSignIn(db, input.email, "account_disabled", request);
      throw new DomainError("forbidden", DISABLED_MESSAGE);
    }
    if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500) {
      await pruneSignInAttempts(db);
      await recordSignIn(db, input.email, "wrong_password", request);
      throw new DomainError("unauthenticated", "Wrong email or password.", {
        errors: [{ path: "password", message: "Wrong email or password." }],
      });
    }
    throw error;
  }
  await attempt.succeeded();
  await recordSignIn(db, input.email, "succeeded", request);
  return { knownDevice: await issueKnownDevice(db, input.email) };
}

/** Ends the session of these request headers; without one there is nothing to end. */
export async function signOut(headers: Headers): Promise<void> {
  const auth = await getAuth();
  if (!(await auth.api.getSession({ headers }))) return;
  await auth.api.signOut({ headers });
}
