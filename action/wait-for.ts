import * as core from '@actions/core';
import { formatDuration, type OtsClient, type Receipt, RULES } from '../core/index.ts';
import type { WaitSettings } from './inputs.ts';
import { output, secured } from './report.ts';

/** One link the step created, named for the report (the recipient, or "the link"). */
export type WaitEntry = { label: string; receipt: Receipt };

const PROGRESS_EVERY_MS = 60_000;

/**
 * `wait-for: received`: polls until every link is opened or can no longer be (burned, expired), or the timeout
 * passes. Updates each entry's receipt, sets `opened` and `not-opened`, fails the step per `wait-fail-on-timeout`.
 */
export async function waitForOpened(client: OtsClient, entries: WaitEntry[], wait: WaitSettings) {
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
      maxIntervalMs: Math.max(wait.intervalSeconds * 1000, RULES.maxIntervalMs.default),
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
    if (latest !== undefined) entry.receipt = secured(latest);
  }
  const opened = entries.filter((e) => e.receipt.state === 'received').map((e) => e.label);
  const notOpened = entries.filter((e) => e.receipt.state !== 'received');
  output('opened', JSON.stringify(opened));
  output('not-opened', JSON.stringify(notOpened.map((e) => e.label)));
  if (opened.length > 0) core.info(`Opened: ${opened.join(', ')}.`);
  if (notOpened.length === 0) {
    core.info(`Every link was opened (${total} of ${total}).`);
    return;
  }
  const list = notOpened.map((e) => `${e.label} (${e.receipt.state})`).join(', ');
  const why = result.timedOut
    ? `"wait-timeout" ${formatDuration(wait.timeoutSeconds)} passed`
    : 'the wait ended';
  const message = `${why} with ${notOpened.length} of ${total} links not opened: ${list}.`;
  if (wait.failOnTimeout) throw new Error(message);
  core.warning(message);
}
