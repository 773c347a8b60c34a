export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;
const BASE_SECONDS = 10;
const CAP_SECONDS = 60 * 60;

export type Outcome =
  { kind: "delivered" } | { kind: "retryable"; error: string } | { kind: "permanent"; error: string };

/** How an attempt ended, from the receiver's answer (statusCode null: no answer at all). */
export function classifyAnswer(statusCode: number | null, error: string | null, location?: string): Outcome {
  if (statusCode === null) return { kind: "retryable", error: error ?? "No answer." };
  if (statusCode >= 200 && statusCode < 300) return { kind: "delivered" };
  if (statusCode >= 300 && statusCode < 400) {
    return {
      kind: "permanent",
      error: `Permanent failure: answered ${statusCode} (redirect${location ? ` to ${location}` : ""}); redirects are not followed — use the final URL.`,
    };
  }
  if (statusCode === 408 || statusCode === 429)
    return { kind: "retryable", error: `Answered ${statusCode}; retrying later.` };
  if (statusCode >= 400 && statusCode < 500)
    return {
      kind: "permanent",
      error: `Permanent failure: the receiver refused it with ${statusCode}; not retried.`,
    };
  return { kind: "retryable", error: `Answered ${statusCode}.` };
}

/**
 * Seconds before the attempt after attempt `n`: exponential (10 s, 20 s, 40 s … capped at an hour)
 * with "equal jitter" (half fixed, half random), so receivers coming back from an outage are not hit
 * by every queued retry at once. The first retry comes 5–10 s after the first attempt.
 */
export function retryDelaySeconds(n: number, random = Math.random): number {
  const base = Math.min(BASE_SECONDS * 2 ** (n - 1), CAP_SECONDS);
  return Math.round(base / 2 + random() * (base / 2));
}
