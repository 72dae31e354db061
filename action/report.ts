// What the step reports to the runner: outputs and the job summary. Text that came from a server (OTS or the
// GitHub API) is data: it is checked against what is known or escaped for the channel it goes to, so it can
// never become a workflow command, a Markdown link or HTML in a summary.
import * as core from '@actions/core';
import { formatDuration, knownState, type Receipt, UNKNOWN_STATE } from '../core/index.ts';
import { maskReceipt } from './mask.ts';

/** Output names, as declared in action.yml. */
export const OUTPUTS = [
  'secret-url',
  'secret-key',
  'receipt-key',
  'receipt-url',
  'value',
  'ttl',
  'expires-at',
  'state',
  'receipts',
  'opened',
  'not-opened',
] as const;

/** Sets an output that has a value. Callers mask it first (mask.ts). */
export function output(name: (typeof OUTPUTS)[number], value: string | undefined): void {
  if (value !== undefined && value !== '') core.setOutput(name, value);
}

/** Sets every output the receipt fills; `withholdLink` (the link went to a recipient) leaves out link and key. */
export function setReceiptOutputs(receipt: Receipt, withholdLink: boolean, value?: string): void {
  if (!withholdLink) {
    output('secret-url', receipt.secretUrl);
    output('secret-key', receipt.secretKey);
  }
  output('receipt-key', receipt.receiptKey);
  output('receipt-url', receipt.receiptUrl);
  output('value', value);
  output('ttl', receipt.ttl?.toString());
  output('expires-at', receipt.expiresAt?.toISOString());
  output('state', receipt.state);
}

/**
 * Masks what gives access in a receipt, then returns it with a state from the known set; anything else becomes
 * `unknown`, with a warning that quotes it escaped.
 */
export function secured<R extends Receipt>(receipt: R): R {
  maskReceipt(receipt);
  if (knownState(receipt.state) !== UNKNOWN_STATE) return receipt;
  const flat = escapeForLog(String(receipt.state));
  const quoted = JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
  core.warning(
    `The server reported a receipt state this action does not know (${quoted}); it is reported as "unknown".`,
  );
  return { ...receipt, state: UNKNOWN_STATE };
}

/** Core's warnings, each once, with the option they start with ("ttl: …") quoted as action.yml does. */
export function warn(warnings: string[]): void {
  for (const warning of new Set(warnings)) core.warning(warning.replace(/^(\w+): /, '"$1": '));
}

/**
 * Writes a job summary table: a header row, then rows. The summary is rendered for everyone with read access to
 * the repository and is not reliably scrubbed by log masking, so callers give only facts that give no access:
 * never keys or the value, and the link only when the user asked for it.
 */
export async function writeSummary(title: string, [header = [], ...rows]: string[][]): Promise<void> {
  // Local runs and some runners have no summary file; core.summary would throw there.
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // core.summary inserts cell text as raw HTML; every value is escaped, whoever made it.
  await core.summary
    .addHeading(escapeMarkup(title), 3)
    .addTable([header.map((data) => ({ data, header: true })), ...rows.map((row) => row.map(escapeMarkup))])
    .write();
}

/** The summary of one receipt: only facts that give no access, plus the link when it was asked for. */
export function writeReceiptSummary(title: string, receipt: Receipt, delivery?: string, link?: string) {
  const passphrase = receipt.passphraseRequired;
  const facts: Array<[string, string | undefined]> = [
    ['Fact', 'Value'],
    ['State', receipt.state],
    ['Delivery', delivery],
    ['TTL granted', receipt.ttl === undefined ? undefined : formatDuration(receipt.ttl)],
    ['Expires at', receipt.expiresAt?.toISOString()],
    ['Passphrase required', passphrase === undefined ? undefined : passphrase ? 'yes' : 'no'],
    ['Link', link],
  ];
  const known = facts.filter((fact): fact is [string, string] => !!fact[1]);
  return writeSummary(title, known);
}

/**
 * For a log line or a workflow command's message: the runner treats a line starting with `::` as a command, and
 * `%`, CR and LF are how commands encode their data, so each is percent-encoded and no line break survives.
 */
export function escapeForLog(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/::/g, '%3A%3A');
}

/** For the job summary and PR comments (Markdown with HTML): every character that could start markup is an entity. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"'`|*_[\]()\\!#~=]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n|\r/g, ' ');
}
