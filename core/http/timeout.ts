// The call's deadline (retries and the waits between them included), checked where it is given (client option or per call).
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
