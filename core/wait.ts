// Polling a receipt until the recipient has acted (or the secret is otherwise gone).
import { setTimeout as sleep } from 'node:timers/promises';
import { OtsAbortError, OtsInputError } from './errors/kinds.ts';
import { shortenKey } from './errors/redact.ts';
import type { WaitOptions } from './options.ts';
import type { Receipt } from './receipt.ts';

const FINAL_STATES: ReadonlyArray<string> = ['received', 'burned', 'expired', 'orphaned'];

export async function waitForReceipt(
  read: () => Promise<Receipt>,
  key: string,
  options: WaitOptions,
): Promise<Receipt> {
  const until = new Set<string>(options.until ?? FINAL_STATES);
  const intervalMs = options.intervalMs ?? 5_000;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) {
    throw new OtsInputError(`intervalMs: ${String(intervalMs)} is not a whole number of milliseconds.`, {
      field: 'intervalMs',
    });
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
