// Polling receipts until the recipients have acted (or the secrets are otherwise gone). One receipt is read at a
// steady pace until it is done; many are read in rounds with a pause that grows while nothing changes, bounded by
// an overall time limit after which the caller learns who is still pending instead of an error.
import { setTimeout as sleep } from 'node:timers/promises';
import { runBounded, type Settled } from './bulk.ts';
import { OtsAbortError } from './errors/kinds.ts';
import type { OtsError } from './errors/ots-error.ts';
import { shortenKey } from './errors/redact.ts';
import { checkUntil, checkWhole } from './inputs.ts';
import type { WaitManyOptions, WaitManyResult, WaitOptions } from './options.ts';
import { type Receipt, withoutLink } from './receipt.ts';
import { isFinal, RULES } from './rules.ts';

// Failures that polling outlives; anything else (unknown receipt, bad credentials) will not change by waiting.
const TRANSIENT: ReadonlySet<string> = new Set(['network', 'timeout', 'server_error', 'rate_limited']);

const doneIn = (until: Set<string>) => (receipt: Receipt | undefined) =>
  receipt !== undefined && (until.has(receipt.state) || isFinal(receipt.state));

async function pause(ms: number, signal: AbortSignal | undefined, what: () => string): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => {
    throw new OtsAbortError(`OTS ${what()}.`);
  });
}

export async function waitForReceipt(read: () => Promise<Receipt>, key: string, options: WaitOptions) {
  const isDone = doneIn(checkUntil(options.until));
  const intervalMs = checkWhole('intervalMs', options.intervalMs, RULES.intervalMs.default);
  for (;;) {
    const receipt = await read();
    if (isDone(receipt)) return receipt;
    await pause(
      intervalMs,
      options.signal,
      () => `waitForReceipt: aborted while receipt ${shortenKey(key)} was ${receipt.state}`,
    );
  }
}

export async function waitForMany(
  read: (key: string) => Promise<Receipt>,
  keys: readonly string[],
  options: WaitManyOptions,
): Promise<WaitManyResult> {
  const isDone = doneIn(checkUntil(options.until));
  const firstIntervalMs = checkWhole('intervalMs', options.intervalMs, RULES.intervalMs.default);
  const maxIntervalMs = Math.max(
    firstIntervalMs,
    checkWhole('maxIntervalMs', options.maxIntervalMs, RULES.maxIntervalMs.default),
  );
  const timeoutMs = checkWhole('timeoutMs', options.timeoutMs, undefined);
  const started = Date.now();
  const receipts: Array<Receipt | undefined> = keys.map(() => undefined);
  const errors: Array<OtsError | undefined> = keys.map(() => undefined);
  let intervalMs = firstIntervalMs;

  for (;;) {
    const pending = keys.flatMap((key, index) => (isDone(receipts[index]) ? [] : [{ key, index }]));
    const reads = await runBounded(pending, RULES.concurrency.default, ({ key }) => read(key));
    let changed = false;
    for (const [n, { index }] of pending.entries()) {
      const outcome = reads[n] as Settled<Receipt>;
      const last = receipts[index];
      if (outcome.ok) {
        changed ||= last?.state !== outcome.value.state;
        receipts[index] = outcome.value;
      } else if (outcome.error.code === 'not_found' && last !== undefined) {
        // A receipt lives twice its secret's TTL: one that vanished during a long wait took an unread secret
        // with it (a received one would still be there). Its link can no longer be opened: that ends its wait.
        receipts[index] = withoutLink(last, 'expired');
        changed = true;
      } else {
        if (!TRANSIENT.has(outcome.error.code)) throw outcome.error;
        errors[index] = outcome.error;
        continue;
      }
      errors[index] = undefined;
    }
    const done = receipts.map(isDone);
    const count = done.filter(Boolean).length;
    const elapsedMs = Date.now() - started;
    options.onRound?.({ receipts, done: count, elapsedMs });
    const complete = count === keys.length;
    if (complete || (timeoutMs !== undefined && elapsedMs >= timeoutMs)) {
      return { receipts, done, errors, complete, timedOut: !complete };
    }
    if (changed) intervalMs = firstIntervalMs;
    await pause(
      timeoutMs === undefined ? intervalMs : Math.min(intervalMs, timeoutMs - elapsedMs),
      options.signal,
      () => `waitForReceipts: aborted with ${count} of ${keys.length} receipts done`,
    );
    intervalMs = Math.min(Math.round(intervalMs * 1.5), maxIntervalMs);
  }
}
