import * as core from '@actions/core';
import {
  checkRecipients,
  formatDuration,
  isOtsError,
  type OtsClient,
  type RecipientHandOver,
} from '../core/index.ts';
import { ActionInputError } from './errors.ts';
import { type Connection, type InputReader, Inputs, readBoolean, type ShareSettings } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';
import { Outputs } from './outputs.ts';
import { escapeMarkup, withKnownState } from './server-text.ts';
import { rememberManyForBurnOnFailure } from './state.ts';
import { type WaitEntry, waitForOpened } from './wait-for.ts';

/**
 * `recipients`: one address per line or comma-separated. Each recipient gets a link of their own (a one-time link
 * works once), emailed by Onetime Secret, so the links never pass through the workflow.
 */
export function readRecipients(read: InputReader, connection: Connection): string[] | undefined {
  const text = read(Inputs.Recipients).trim();
  if (text === '') return undefined;
  for (const other of [Inputs.Recipient, Inputs.CommentOn] as const) {
    if (read(other).trim() !== '') {
      throw new ActionInputError(
        Inputs.Recipients,
        `cannot be used with "${other}": give every address in "${Inputs.Recipients}"; each link goes only to its recipient.`,
      );
    }
  }
  if (readBoolean(read, Inputs.SummaryIncludeLink, false)) {
    throw new ActionInputError(
      Inputs.SummaryIncludeLink,
      `cannot be used with "${Inputs.Recipients}": each link goes only to its recipient, never into the workflow.`,
    );
  }
  // Blank lines and a trailing comma are layout, not addresses.
  const list = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  try {
    checkRecipients(list);
  } catch (error) {
    if (isOtsError(error)) {
      throw new ActionInputError(
        Inputs.Recipients,
        error.message.replace(/^recipients\[(\d+)\]: /, (_, i) => `entry ${Number(i) + 1}: `),
      );
    }
    throw error;
  }
  if (connection.username === undefined) {
    throw new ActionInputError(
      Inputs.Recipients,
      'email delivery needs an Onetime Secret account: set "username" and "api-token".',
    );
  }
  return list;
}

/** Creates one link per recipient, then outputs, the optional wait and the summary, in that order. */
export async function shareWithRecipients(
  settings: ShareSettings & { recipients: string[] },
  client: OtsClient,
): Promise<void> {
  const { payload } = settings;
  const result = await client.handOverTo(
    settings.recipients,
    payload.kind === 'generate'
      ? { generate: true, ...(payload.length === undefined ? {} : { length: payload.length }) }
      : { value: payload.value },
    {
      ...(settings.ttl === undefined ? {} : { ttl: settings.ttl }),
      ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
      ...(settings.shareDomain === undefined ? {} : { shareDomain: settings.shareDomain }),
    },
  );
  // Everything that gives access is masked before any of it is output, logged or saved: the receipt keys that go
  // into `receipts`, and the links and secret keys, which are never output but sit in memory and debug logs.
  mask(result.value);
  for (const item of result.results) {
    if (item.receipt !== undefined) maskReceipt(item.receipt);
    mask(item.createdReceiptKey);
  }
  if (settings.burnOnFailure) {
    rememberManyForBurnOnFailure(
      result.results
        .map((r) => r.receipt?.receiptKey ?? r.createdReceiptKey)
        .filter((key): key is string => key !== undefined),
    );
  }
  if (result.value !== undefined) core.setOutput(Outputs.Value, result.value);
  // The same TTL for everyone, so the same warning: said once, not per recipient.
  for (const warning of new Set(result.results.flatMap((r) => r.warnings ?? []))) core.warning(warning);

  const entries: WaitEntry[] = result.results
    .filter((r) => r.receipt !== undefined)
    .map((r) => ({
      label: r.recipient,
      receipt: withKnownState(r.receipt as NonNullable<typeof r.receipt>),
    }));
  const created = result.created.length;
  core.info(
    `Created ${created} of ${settings.recipients.length} one-time links, one per recipient; Onetime Secret emails each its own.`,
  );
  let waitFailure: unknown;
  try {
    if (settings.wait !== undefined && result.failed.length === 0) {
      await waitForOpened(client, entries, settings.wait);
    }
  } catch (error) {
    waitFailure = error;
  }
  const byRecipient = new Map(entries.map((e) => [e.label, e.receipt]));
  core.setOutput(Outputs.Receipts, JSON.stringify(receiptsOutput(result.results, byRecipient)));
  if (settings.reporting.summary) await writeRecipientsSummary(result.results, byRecipient);
  if (result.failed.length > 0) {
    const reasons = result.results
      .filter((r) => r.error !== undefined)
      .map((r) => `${r.recipient}: ${r.error?.message}`)
      .join('; ');
    throw new Error(
      `${result.failed.length} of ${settings.recipients.length} links could not be created (${reasons}). ` +
        `${created} recipient(s) did get a working link: ${result.created.join(', ') || 'none'}` +
        (settings.burnOnFailure ? '; burn-on-failure burns them at the end of the job.' : '.'),
    );
  }
  if (waitFailure !== undefined) throw waitFailure;
}

type ReceiptEntry = { 'receipt-key'?: string; state: string; 'expires-at'?: string; error?: string };

/** recipient → receipt key (masked), state, expiry; or the error for a recipient without a link. Never the link. */
function receiptsOutput(
  results: RecipientHandOver[],
  latest: Map<string, NonNullable<RecipientHandOver['receipt']>>,
): Record<string, ReceiptEntry> {
  const output: Record<string, ReceiptEntry> = {};
  for (const item of results) {
    const receipt = latest.get(item.recipient);
    if (receipt === undefined) {
      output[item.recipient] = {
        ...(item.createdReceiptKey === undefined ? {} : { 'receipt-key': item.createdReceiptKey }),
        state: 'failed',
        error: item.error?.message ?? 'not created',
      };
      continue;
    }
    output[item.recipient] = {
      'receipt-key': receipt.receiptKey,
      state: receipt.state,
      ...(receipt.expiresAt === undefined ? {} : { 'expires-at': receipt.expiresAt.toISOString() }),
    };
  }
  return output;
}

/** One row per recipient: state and expiry. No link and no key: the summary is readable by the whole repository. */
async function writeRecipientsSummary(
  results: RecipientHandOver[],
  latest: Map<string, NonNullable<RecipientHandOver['receipt']>>,
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const rows = results.map((item) => {
    const receipt = latest.get(item.recipient);
    return [
      escapeMarkup(item.recipient),
      escapeMarkup(receipt?.state ?? 'not created'),
      escapeMarkup(receipt?.expiresAt?.toISOString() ?? ''),
      escapeMarkup(receipt?.ttl === undefined ? '' : formatDuration(receipt.ttl)),
    ];
  });
  await core.summary
    .addHeading('One-time secret shared with each recipient', 3)
    .addTable([
      [
        { data: 'Recipient', header: true },
        { data: 'State', header: true },
        { data: 'Expires at', header: true },
        { data: 'TTL granted', header: true },
      ],
      ...rows,
    ])
    .write();
}
