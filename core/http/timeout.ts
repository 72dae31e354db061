// A call's limits, checked where they are given: its deadline (retries and the waits between them included; a
// client option or per call) and its signal.
import { OtsInputError } from '../errors/kinds.ts';

// Node turns a timer above 2^31 - 1 ms into a 1 ms timer: a write would be sent, abandoned and reported as a timeout.
export const MAX_TIMEOUT_MS = 2_147_483_647;

export function checkTimeoutMs(value: unknown, fallback: number): number;
export function checkTimeoutMs(value: unknown, fallback: undefined): number | undefined;
export function checkTimeoutMs(value: unknown, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new OtsInputError(
      `timeoutMs: ${String(value)} is not a positive whole number of milliseconds up to ${MAX_TIMEOUT_MS} (about 24.8 days).`,
      { field: 'timeoutMs' },
    );
  }
  return value;
}

/**
 * A signal the request can listen to. Anything else would only fail inside the request, reported as a failed
 * connection that "may have created the secret anyway". Duck-typed, so a polyfilled AbortSignal passes.
 */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const signal = value as Partial<AbortSignal> | null;
  if (typeof signal?.addEventListener === 'function' && typeof signal.aborted === 'boolean')
    return signal as AbortSignal;
  throw new OtsInputError(
    "signal: expected an AbortSignal (an AbortController's signal, or AbortSignal.timeout(ms)).",
    { field: 'signal' },
  );
}
