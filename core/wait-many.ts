// Polling many receipts at once, e.g. until every recipient of a hand-over has opened their link. Rounds of
// receipt reads (idempotent, each with its own retries) with a pause that grows while nothing changes, bounded by
// an overall time limit after which the caller learns who is still pending instead of an error.
import { setTimeout as sleep } from 'node:timers/promises';
import { runBounded } from './bulk.ts';
import { OtsAbortError, OtsInputError } from './errors/kinds.ts';
import type { OtsError } from './errors/ots-error.ts';
import { MAX_TIMEOUT_MS } from './http/timeout.ts';
import type { WaitOptions } from './options.ts';
import type { Receipt } from './receipt.ts';
import { isFinal } from './rules.ts';
import { checkUntil } from './wait.ts';

export interface WaitManyOptions extends WaitOptions {
  /** The pause grows by half each round in which no receipt changed, up to this (default 60 000, at least intervalMs). */
  maxIntervalMs?: number;
  /** Give up after this many milliseconds and return what is known, with `timedOut: true` (default: no limit). */
  timeoutMs?: number;
  /** Called after every round of reads, e.g. for a progress line. */
  onRound?: (progress: WaitManyProgress) => void;
}

export interface WaitManyProgress {
  /** Latest receipt per key, in input order; undefined while no read of it has succeeded. */
  receipts: ReadonlyArray<Receipt | undefined>;
  /** How many keys reached a state in `until` or a final state. */
  done: number;
  elapsedMs: number;
}

export interface WaitManyResult {
  /** Latest receipt per key, in input order; undefined when no read of it ever succeeded. */
  receipts: Array<Receipt | undefined>;
  /** Per key: its state is one of `until` or final. */
  done: boolean[];
  /** Per key: the last read failure (transient ones are outlived by polling), when its last read failed. */
  errors: Array<OtsError | undefined>;
  /** Every key is done. */
  complete: boolean;
  /** The time limit passed before every key was done. */
  timedOut: boolean;
}

// Failures that polling outlives; anything else (unknown receipt, bad credentials) will not change by waiting.
const TRANSIENT: ReadonlySet<string> = new Set(['network', 'timeout', 'server_error', 'rate_limited']);

function checkMs(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > MAX_TIMEOUT_MS) {
    throw new OtsInputError(
      `${name}: ${String(value)} is not a whole number of milliseconds from ${min} to ${MAX_TIMEOUT_MS}.`,
      { field: name },
    );
  }
  return value;
}

function gone(last: Receipt): Receipt {
  const { secretKey: _key, secretUrl: _url, ...rest } = last;
  return { ...rest, state: 'expired' };
}

export async function waitForMany(
  read: (key: string) => Promise<Receipt>,
  keys: readonly string[],
  options: WaitManyOptions,
): Promise<WaitManyResult> {
  const until = checkUntil(options.until);
  let intervalMs = checkMs('intervalMs', options.intervalMs ?? 5_000, 100);
  const maxIntervalMs = Math.max(intervalMs, checkMs('maxIntervalMs', options.maxIntervalMs ?? 60_000, 100));
  const timeoutMs = options.timeoutMs === undefined ? undefined : checkMs('timeoutMs', options.timeoutMs, 1);
  const started = Date.now();
  const receipts: Array<Receipt | undefined> = keys.map(() => undefined);
  const errors: Array<OtsError | undefined> = keys.map(() => undefined);
  const isDone = (r: Receipt | undefined) => r !== undefined && (until.has(r.state) || isFinal(r.state));
  const callOptions = options.signal === undefined ? {} : { signal: options.signal };

  for (;;) {
    const pending = keys
      .map((key, index) => ({ key, index }))
      .filter(({ index }) => !isDone(receipts[index]));
    const reads = await runBounded(pending, 4, ({ key }) => read(key));
    let changed = false;
    for (const [n, { index }] of pending.entries()) {
      const outcome = reads[n];
      if (outcome === undefined) continue;
      if (outcome.ok) {
        changed ||= receipts[index]?.state !== outcome.value.state;
        receipts[index] = outcome.value;
        errors[index] = undefined;
      } else if (outcome.error.code === 'not_found' && receipts[index] !== undefined) {
        // A receipt lives twice its secret's TTL: one that vanished during a long wait took an unread secret
        // with it (a received one would still be there). Its link can no longer be opened: that ends its wait.
        receipts[index] = gone(receipts[index] as Receipt);
        errors[index] = undefined;
        changed = true;
      } else {
        if (!TRANSIENT.has(outcome.error.code)) throw outcome.error;
        errors[index] = outcome.error;
      }
    }
    const done = receipts.map(isDone);
    const elapsedMs = Date.now() - started;
    options.onRound?.({ receipts, done: done.filter(Boolean).length, elapsedMs });
    const complete = done.every(Boolean);
    if (complete || (timeoutMs !== undefined && elapsedMs >= timeoutMs)) {
      return { receipts, done, errors, complete, timedOut: !complete };
    }
    if (changed) intervalMs = options.intervalMs ?? 5_000;
    const pause = timeoutMs === undefined ? intervalMs : Math.min(intervalMs, timeoutMs - elapsedMs);
    try {
      await sleep(pause, undefined, callOptions);
    } catch {
      throw new OtsAbortError(
        `OTS waitForReceipts: aborted with ${done.filter(Boolean).length} of ${keys.length} receipts done.`,
      );
    }
    intervalMs = Math.min(Math.round(intervalMs * 1.5), maxIntervalMs);
  }
}
