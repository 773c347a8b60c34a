import { postWebhook } from "@/lib/webhooks/post-webhook";
import { classifyAnswer, type Outcome } from "@/lib/webhooks/retry-policy";
import { signedHeaders } from "@/lib/webhooks/sign";
import { resolveTarget, TargetRefused, type TargetOptions } from "@/lib/webhooks/webhook-target";
import type { ContactMethodRow } from "./contact-method-view";

export type ContactPostOptions = TargetOptions & { timeoutMs?: number };
export type ContactPostResult = { outcome: Outcome; statusCode: number | null };

/**
 * One POST to a chat or webhook contact method through the webhooks' guarded client: the address is
 * resolved and checked (SSRF) and the connection goes to exactly that address. The generic webhook
 * is signed the Standard Webhooks way with the method's secret; `messageId` is the same on every
 * attempt of one message, so a receiver can drop a repeat.
 */
export async function postToContact(
  method: Pick<ContactMethodRow, "type" | "address" | "secret">,
  payload: unknown,
  messageId: string,
  at: Date,
  options: ContactPostOptions = {},
): Promise<ContactPostResult> {
  const body = JSON.stringify(payload);
  try {
    const target = await resolveTarget(method.address, options);
    const headers =
      method.type === "webhook" && method.secret ? signedHeaders(method.secret, messageId, body, at) : {};
    const result = await postWebhook(target, body, headers, options.timeoutMs);
    if (result.statusCode === null) return { outcome: classifyAnswer(null, result.error), statusCode: null };
    return {
      outcome: classifyAnswer(result.statusCode, null, result.location),
      statusCode: result.statusCode,
    };
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    return {
      outcome: { kind: error.permanent ? "permanent" : "retryable", error: `Refused: ${error.message}` },
      statusCode: null,
    };
  }
}
