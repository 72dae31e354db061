import * as core from '@actions/core';
import { formatDuration, type HandOverValue, type OtsClient } from '../core/index.ts';
import type { ShareSettings } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';
import { rememberForBurn } from './post.ts';
import { output, secured, warn, writeSummary } from './report.ts';
import { type WaitEntry, waitForOpened } from './wait-for.ts';

/**
 * `recipients`: one link per recipient (a one-time link works once), each emailed by Onetime Secret, so no link
 * passes through the workflow. Creates them, then outputs, the optional wait and the summary, in that order.
 */
export async function shareWithRecipients(settings: ShareSettings, recipients: string[], client: OtsClient) {
  // The value goes apart from the options (a `generate` left in them would reach every create), and so does
  // `recipient`: core refuses a single recipient option next to the list.
  const { secret, generate, length, recipient: _, ...options } = settings.request;
  const what: HandOverValue = secret === undefined ? { generate: true, length } : { value: secret };
  const result = await client.handOverTo(recipients, what, options);
  // Everything that gives access is masked before any of it is output, logged or saved: the receipt keys that go
  // into `receipts`, and the links and secret keys, which are never output but sit in memory and debug logs.
  // All of them first: secured() may warn about a receipt's state, which a server can make quote another link.
  mask(result.value);
  for (const item of result.results) {
    mask(item.createdReceiptKey);
    maskReceipt(item.receipt);
  }
  const entries: WaitEntry[] = result.results.flatMap((r) =>
    r.receipt === undefined ? [] : [{ label: r.recipient, receipt: secured(r.receipt) }],
  );
  if (settings.burnOnFailure) {
    rememberForBurn(result.results.flatMap((r) => r.receipt?.receiptKey ?? r.createdReceiptKey ?? []));
  }
  output('value', result.value);
  // The same TTL for everyone, so the same warning: said once, not per recipient.
  warn(result.results.flatMap((r) => r.warnings ?? []));
  const created = result.created.length;
  core.info(
    `Created ${created} of ${recipients.length} one-time links, one per recipient; Onetime Secret emails each its own.`,
  );
  const waitFailure =
    settings.wait !== undefined && result.failed.length === 0
      ? await waitForOpened(client, entries, settings.wait).catch((error: unknown) => error)
      : undefined;

  // recipient → receipt key (masked), state, expiry; or the error for a recipient without a link. Never the link.
  const latest = new Map(entries.map((e) => [e.label, e.receipt]));
  const receipts = result.results.map(({ recipient, createdReceiptKey, error }) => {
    const receipt = latest.get(recipient);
    const expiresAt = receipt?.expiresAt?.toISOString();
    const entry = receipt
      ? { 'receipt-key': receipt.receiptKey, state: receipt.state, 'expires-at': expiresAt }
      : { 'receipt-key': createdReceiptKey, state: 'failed', error: error?.message ?? 'not created' };
    return [recipient, entry] as const;
  });
  output('receipts', JSON.stringify(Object.fromEntries(receipts)));
  if (settings.summary) {
    // One row per recipient: state and expiry. No link and no key: the summary is readable by the whole repository.
    await writeSummary('One-time secret shared with each recipient', [
      ['Recipient', 'State', 'Expires at', 'TTL granted'],
      ...result.results.map(({ recipient }) => {
        const receipt = latest.get(recipient);
        const ttl = receipt?.ttl === undefined ? '' : formatDuration(receipt.ttl);
        return [recipient, receipt?.state ?? 'not created', receipt?.expiresAt?.toISOString() ?? '', ttl];
      }),
    ]);
  }
  if (result.failed.length > 0) {
    const reasons = result.results.flatMap((r) => (r.error ? [`${r.recipient}: ${r.error.message}`] : []));
    throw new Error(
      `${result.failed.length} of ${recipients.length} links could not be created (${reasons.join('; ')}). ` +
        `${created} recipient(s) did get a working link: ${result.created.join(', ') || 'none'}` +
        (settings.burnOnFailure ? '; burn-on-failure burns them at the end of the job.' : '.'),
    );
  }
  if (waitFailure !== undefined) throw waitFailure;
}
