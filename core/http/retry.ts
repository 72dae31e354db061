// When a failed idempotent read is tried again, and after how long. Writes are never retried (see transport.ts).
import { parseRetryAfter } from '../errors/from-response.ts';

/** Statuses worth another try: rate limited, or a gateway between us and OTS failed. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const BASE_MS = 200;
const CAP_MS = 5_000;
/** A longer Retry-After is the caller's decision: the error carries it as retryAfter. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Exponential backoff with jitter, or the server's Retry-After; undefined when waiting is not worth it. */
export function retryDelayMs(attempt: number, retryAfterHeader?: string): number | undefined {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined) {
    const ms = retryAfter * 1000;
    return ms > MAX_RETRY_AFTER_MS ? undefined : ms;
  }
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  // Jitter spreads the retries of many clients that failed together.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
