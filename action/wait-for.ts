import * as core from '@actions/core';
import { formatDuration, isOtsError, type OtsClient, parseTtl, type Receipt } from '../core/index.ts';
import { ActionInputError } from './errors.ts';
import { type InputReader, Inputs, readBoolean } from './inputs.ts';
import { maskReceipt } from './mask.ts';
import { Outputs } from './outputs.ts';

/** `wait-for: received`: keep the step running until every link it created is opened. */
export interface WaitSettings {
  timeoutSeconds: number;
  intervalSeconds: number;
  failOnTimeout: boolean;
}

/** One link the step created, named for the report (the recipient, or "the link"). */
export interface WaitEntry {
  label: string;
  receipt: Receipt;
}

/** A GitHub-hosted job ends after 6 hours; a longer wait could never finish. */
export const MAX_WAIT_SECONDS = 6 * 3600;
const DEFAULT_TIMEOUT_SECONDS = 3600;
const DEFAULT_INTERVAL_SECONDS = 10;
const MAX_INTERVAL_MS = 60_000;
const PROGRESS_EVERY_MS = 60_000;

export function readWait(read: InputReader): WaitSettings | undefined {
  const waitFor = read(Inputs.WaitFor).trim();
  const related = [Inputs.WaitTimeout, Inputs.WaitInterval, Inputs.WaitFailOnTimeout] as const;
  if (waitFor === '') {
    for (const name of related) {
      if (read(name).trim() !== '') {
        throw new ActionInputError(name, `is used only with "${Inputs.WaitFor}: received"; remove it.`);
      }
    }
    return undefined;
  }
  if (waitFor.toLowerCase() !== 'received') {
    throw new ActionInputError(
      Inputs.WaitFor,
      `expected "received" (wait until every link is opened) or nothing, got "${waitFor}".`,
    );
  }
  return {
    timeoutSeconds: readSeconds(read, Inputs.WaitTimeout, DEFAULT_TIMEOUT_SECONDS, 1, MAX_WAIT_SECONDS),
    intervalSeconds: readSeconds(read, Inputs.WaitInterval, DEFAULT_INTERVAL_SECONDS, 1, 3600),
    failOnTimeout: readBoolean(read, Inputs.WaitFailOnTimeout, true),
  };
}

function readSeconds(
  read: InputReader,
  name: typeof Inputs.WaitTimeout | typeof Inputs.WaitInterval,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = read(name).trim();
  if (text === '') return fallback;
  let seconds: number;
  try {
    seconds = parseTtl(text, name);
  } catch (error) {
    if (isOtsError(error)) throw new ActionInputError(name, error.message.replace(`${name}: `, ''));
    throw error;
  }
  if (seconds < min || seconds > max) {
    throw new ActionInputError(
      name,
      `expected ${formatDuration(min)} to ${formatDuration(max)}, got "${text}" (${formatDuration(seconds)}).`,
    );
  }
  return seconds;
}

export interface WaitOutcome {
  opened: string[];
  notOpened: Array<{ label: string; state: string }>;
  timedOut: boolean;
}

/**
 * Polls every link until it is opened (or can no longer be: burned, expired), or the timeout passes; updates each
 * entry's receipt, sets the `opened` and `not-opened` outputs and fails the step per `wait-fail-on-timeout`.
 */
export async function waitForOpened(
  client: OtsClient,
  entries: WaitEntry[],
  wait: WaitSettings,
): Promise<WaitOutcome> {
  const total = entries.length;
  core.info(
    `Waiting up to ${formatDuration(wait.timeoutSeconds)} for ${total === 1 ? 'the link' : `${total} links`} to be opened.`,
  );
  let lastProgress = 0;
  const result = await client.waitForReceipts(
    entries.map((e) => e.receipt.receiptKey),
    {
      until: ['received'],
      intervalMs: wait.intervalSeconds * 1000,
      maxIntervalMs: Math.max(wait.intervalSeconds * 1000, MAX_INTERVAL_MS),
      timeoutMs: wait.timeoutSeconds * 1000,
      onRound: ({ receipts, elapsedMs }) => {
        if (elapsedMs - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = elapsedMs;
        const opened = receipts.filter((r) => r?.state === 'received').length;
        core.info(`Still waiting after ${formatDuration(elapsedMs / 1000)}: ${opened} of ${total} opened.`);
      },
    },
  );
  for (const [index, entry] of entries.entries()) {
    const latest = result.receipts[index];
    if (latest === undefined) continue;
    maskReceipt(latest);
    entry.receipt = latest;
  }
  const opened = entries.filter((e) => e.receipt.state === 'received').map((e) => e.label);
  const notOpened = entries
    .filter((e) => e.receipt.state !== 'received')
    .map((e) => ({ label: e.label, state: e.receipt.state }));
  core.setOutput(Outputs.Opened, JSON.stringify(opened));
  core.setOutput(Outputs.NotOpened, JSON.stringify(notOpened.map((n) => n.label)));
  if (opened.length > 0) core.info(`Opened: ${opened.join(', ')}.`);
  if (notOpened.length === 0) {
    core.info(`Every link was opened (${total} of ${total}).`);
    return { opened, notOpened, timedOut: false };
  }
  const list = notOpened.map((n) => `${n.label} (${n.state})`).join(', ');
  const why = result.timedOut
    ? `"${Inputs.WaitTimeout}" ${formatDuration(wait.timeoutSeconds)} passed`
    : 'the wait ended';
  const message = `${why} with ${notOpened.length} of ${total} links not opened: ${list}.`;
  if (wait.failOnTimeout) throw new Error(message);
  core.warning(message);
  return { opened, notOpened, timedOut: result.timedOut };
}
