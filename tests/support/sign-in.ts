import { getAuth } from "@/lib/auth/auth";
import { signIn } from "@/lib/auth/sign-in";
import type { DomainError } from "@/lib/errors";

type From = { headers?: HeadersInit; ip?: string | null };

/** A sign-in through the app's form path: "ok", or the refusal itself (code, status, retry-after). */
export const attemptSignIn = (email: string, password: string, { headers, ip = null }: From = {}) =>
  signIn({ email, password }, { headers: new Headers(headers), ip }).then(
    () => "ok" as const,
    (e: DomainError) => e,
  );

/** The same sign-in as what its caller would read: "ok" or the refusal's message. */
export const signInOutcome = async (email: string, password: string, from: From = {}) => {
  const outcome = await attemptSignIn(email, password, from);
  return outcome === "ok" ? outcome : outcome.message;
};

/** Signs in through better-auth as a browser would and answers the session as a Cookie header. */
export async function sessionCookie(email: string, password: string): Promise<string> {
  const res = await (await getAuth()).api.signInEmail({ body: { email, password }, asResponse: true });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
