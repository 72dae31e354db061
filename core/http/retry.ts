// When a request is tried again, and after how long. An idempotent read is retried after any transient failure; a
// write (create, reveal, burn) only when the server provably did nothing: it answered 429, or the connection was
// refused before a byte of the request was sent. Anything else may have acted, so a write is never repeated then.

import { isOtsError } from '../errors/ots-error.ts';
import { parseRetryAfter } from './headers.ts';

/** Statuses worth another try: rate limited, or a gateway between us and OTS failed. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const BASE_MS = 200;
const CAP_MS = 5_000;
/** A longer Retry-After is the caller's decision: the error carries it as retryAfter. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** A status after which the request may be sent again. */
export function retriableStatus(status: number, idempotent: boolean): boolean {
  // 429 (OTS's limiter, or a proxy in front of it) refuses before anything is done. v1's rate limit is a 404
  // ("Cripes! You have been rate limited.") that may come after the work was done, so it never qualifies.
  return idempotent ? RETRY_STATUSES.has(status) : status === 429;
}

/** A failure without an answer after which the request may be sent again. */
export function retriableFailure(error: unknown, idempotent: boolean): boolean {
  if (!isOtsError(error)) return false;
  if (idempotent) return error.code === 'network' || error.code === 'timeout';
  // Refused at connect: no byte of the request left this machine.
  return error.code === 'network' && (error.cause as { code?: unknown } | undefined)?.code === 'ECONNREFUSED';
}

/**
 * Exponential backoff with jitter, or the server's Retry-After; undefined when waiting does not fit: a Retry-After
 * longer than MAX_RETRY_AFTER_MS or than `limitMs` (the caller's own deadline for an answer) is the caller's
 * decision, and the error then carries it as retryAfter.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterHeader?: string,
  limitMs = MAX_RETRY_AFTER_MS,
): number | undefined {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined) {
    const ms = retryAfter * 1000;
    return ms > Math.min(MAX_RETRY_AFTER_MS, limitMs) ? undefined : ms;
  }
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
  // Jitter spreads the retries of many clients that failed together.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
