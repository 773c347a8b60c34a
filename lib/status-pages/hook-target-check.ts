import { validationError } from "@/lib/errors";
import { resolveTarget, TargetRefused, type TargetOptions } from "@/lib/webhooks/webhook-target";

/**
 * The webhooks' SSRF guard at sign-up: a URL whose host resolves to a private, loopback or metadata
 * address is a 422 now, not a delivery that fails later. Every attempt checks again (DNS may change).
 */
export async function assertHookUrlAllowed(url: string, options: TargetOptions = {}): Promise<void> {
  try {
    await resolveTarget(url, options);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw validationError([{ path: "url", message: error.message }]);
  }
}
