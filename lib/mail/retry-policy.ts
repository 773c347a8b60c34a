/**
 * The send job's queue retries (pg-boss): attempt n + 1 starts between RETRY_DELAY · 2^(n-1) and
 * twice that after attempt n failed (pg-boss's backoff with jitter), so 8 retries span at least
 * 5 · 255 s ≈ 21 min — an SMTP server down for 5 minutes is well inside it.
 */
export const MAIL_RETRY_LIMIT = 8;
export const MAIL_RETRY_DELAY_SECONDS = 5;

/** The least time before the retry that follows the run with this retryCount (0 = the first run). */
export function minimumRetryDelaySeconds(retryCount: number, delay = MAIL_RETRY_DELAY_SECONDS): number {
  return (delay * 2 ** Math.min(16, retryCount + 1)) / 2;
}

/** The least time from the first attempt to the last one, the outage every mail survives. */
export function minimumRetrySpanSeconds(limit = MAIL_RETRY_LIMIT, delay = MAIL_RETRY_DELAY_SECONDS): number {
  let total = 0;
  for (let n = 0; n < limit; n++) total += minimumRetryDelaySeconds(n, delay);
  return total;
}

export const isFinalRun = (retryCount: number, limit = MAIL_RETRY_LIMIT) => retryCount >= limit;
