import * as core from '@actions/core';
import type { OtsClient } from '../core/index.ts';
import type { ReceiptSettings } from './inputs.ts';
import { secured, setReceiptOutputs, writeReceiptSummary } from './report.ts';

// secured() (report.ts) leaves only known states, so these lookups never meet an inherited name like "constructor".
/** Why a secret was no longer there to burn. */
const GONE: Record<string, string> = {
  received: 'opened by the recipient',
  burned: 'burned',
  expired: 'expired',
};
/** What a state means for the person waiting on the recipient (core has translated older servers' names). */
const MEANING: Record<string, string> = {
  received: ': the recipient has opened it',
  new: ': not opened yet',
  // Older servers also mark a receipt viewed when the sender reads it, so this is no proof of the recipient.
  viewed: ': its page was viewed, but the secret not revealed yet',
};

/** `operation: burn`: destroys the secret now, so its link stops working. */
export async function burn(settings: ReceiptSettings, client: OtsClient): Promise<void> {
  const receipt = secured(await client.burn(settings.receiptKey, { passphrase: settings.passphrase }));
  setReceiptOutputs(receipt, true);
  if (receipt.burnedNow) {
    core.info(`Burned the secret: its link no longer works (state: ${receipt.state}).`);
  } else {
    // The step's purpose (a dead link) is met; a rerun of the job or an earlier burn is not an error.
    const gone = GONE[receipt.state] ?? `gone (${receipt.state})`;
    core.notice(
      `Nothing to burn: the secret was already ${gone}, so its link no longer works (state: ${receipt.state}).`,
    );
  }
  const title = receipt.burnedNow ? 'One-time secret burned' : 'One-time secret already gone';
  if (settings.summary) await writeReceiptSummary(title, receipt);
}

/** `operation: status`: reads the receipt (never the secret), e.g. to see whether the recipient opened it. */
export async function status(settings: ReceiptSettings, client: OtsClient): Promise<void> {
  const receipt = secured(await client.receipt(settings.receiptKey));
  setReceiptOutputs(receipt, true);
  core.info(`The secret is ${receipt.state}${MEANING[receipt.state] ?? ''}.`);
  if (settings.summary) await writeReceiptSummary('One-time secret status', receipt);
}
