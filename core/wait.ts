// Polling a receipt until the recipient has acted (or the secret is otherwise gone).
import { setTimeout as sleep } from 'node:timers/promises';
import { OtsAbortError, OtsInputError } from './errors/kinds.ts';
import { shortenKey } from './errors/redact.ts';
import type { WaitOptions } from './options.ts';
import type { Receipt } from './receipt.ts';
import { FINAL_STATES, isFinal, RECEIPT_STATES, RULES } from './rules.ts';

const STATES: ReadonlyArray<string> = RECEIPT_STATES;

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

export function checkInterval(value: unknown): number {
  const { min, max } = RULES.intervalMs;
  if (value === undefined) return RULES.intervalMs.default;
  // Below 100 ms the loop hammers the server (0 is a busy loop); above 2^31-1 Node fires the timer after 1 ms.
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new OtsInputError(
      `intervalMs: ${String(value)} is not a whole number of milliseconds from ${min} to ${max}.`,
      { field: 'intervalMs' },
    );
  }
  return value;
}

export async function waitForReceipt(
  read: () => Promise<Receipt>,
  key: string,
  options: WaitOptions,
): Promise<Receipt> {
  const until = checkUntil(options.until);
  const intervalMs = checkInterval(options.intervalMs);
  const signal = options.signal === undefined ? undefined : { signal: options.signal };
  for (;;) {
    const receipt = await read();
    if (until.has(receipt.state) || isFinal(receipt.state)) return receipt;
    try {
      await sleep(intervalMs, undefined, signal);
    } catch {
      throw new OtsAbortError(
        `OTS waitForReceipt: aborted while receipt ${shortenKey(key)} was ${receipt.state}.`,
      );
    }
  }
}
