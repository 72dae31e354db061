// Polling a receipt until the recipient has acted (or the secret is otherwise gone).
import { setTimeout as sleep } from 'node:timers/promises';
import { OtsAbortError, OtsInputError } from './errors/kinds.ts';
import { shortenKey } from './errors/redact.ts';
import { MAX_TIMEOUT_MS } from './http/timeout.ts';
import type { WaitOptions } from './options.ts';
import type { Receipt } from './receipt.ts';

export const FINAL_STATES: ReadonlyArray<string> = ['received', 'burned', 'expired', 'orphaned'];
const STATES: ReadonlyArray<string> = ['new', 'viewed', ...FINAL_STATES];
const MIN_INTERVAL_MS = 100;

// A misspelt state would never match, so the wait would run until a final state or the signal: refuse it.
export function checkUntil(until: ReadonlyArray<string> | undefined): Set<string> {
  if (until === undefined) return new Set(FINAL_STATES);
  if (!Array.isArray(until) || until.length === 0) {
    throw new OtsInputError(`until: must be a non-empty list of receipt states (${STATES.join(', ')}).`, {
      field: 'until',
    });
  }
  for (const state of until) {
    if (!STATES.includes(state)) {
      throw new OtsInputError(
        `until: ${JSON.stringify(state)} is not a receipt state; use ${STATES.join(', ')}.`,
        { field: 'until' },
      );
    }
  }
  return new Set(until);
}

export async function waitForReceipt(
  read: () => Promise<Receipt>,
  key: string,
  options: WaitOptions,
): Promise<Receipt> {
  const until = checkUntil(options.until);
  const intervalMs = options.intervalMs ?? 5_000;
  // Below 100 ms the loop hammers the server (0 is a busy loop); above 2^31-1 Node fires the timer after 1 ms.
  if (!Number.isSafeInteger(intervalMs) || intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_TIMEOUT_MS) {
    throw new OtsInputError(
      `intervalMs: ${String(intervalMs)} is not a whole number of milliseconds from ${MIN_INTERVAL_MS} to ${MAX_TIMEOUT_MS}.`,
      { field: 'intervalMs' },
    );
  }
  const signal = options.signal === undefined ? undefined : { signal: options.signal };
  for (;;) {
    const receipt = await read();
    if (until.has(receipt.state) || FINAL_STATES.includes(receipt.state)) return receipt;
    try {
      await sleep(intervalMs, undefined, signal);
    } catch {
      throw new OtsAbortError(
        `OTS waitForReceipt: aborted while receipt ${shortenKey(key)} was ${receipt.state}.`,
      );
    }
  }
}
