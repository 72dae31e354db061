import * as core from '@actions/core';
import type { OtsClient } from '../core/index.ts';
import type { ReceiptSettings } from './inputs.ts';
import { maskReceipt } from './mask.ts';
import { setReceiptOutputs } from './outputs.ts';
import { withKnownState } from './server-text.ts';
import { writeSummary } from './summary.ts';

/** `operation: burn`: destroys the secret now, so its link stops working. */
export async function burn(settings: ReceiptSettings, client: OtsClient): Promise<void> {
  const burned = await client.burn(settings.receiptKey, {
    ...(settings.passphrase === undefined ? {} : { passphrase: settings.passphrase }),
  });
  maskReceipt(burned);
  const receipt = withKnownState(burned);
  setReceiptOutputs(receipt, { withholdLink: true });
  if (receipt.burnedNow) {
    core.info(`Burned the secret: its link no longer works (state: ${receipt.state}).`);
  } else {
    // The step's purpose (a dead link) is met; a rerun of the job or an earlier burn is not an error.
    core.notice(
      `Nothing to burn: the secret was already ${gone(receipt.state)}, so its link no longer works (state: ${receipt.state}).`,
    );
  }
  if (settings.reporting.summary) {
    const title = receipt.burnedNow ? 'One-time secret burned' : 'One-time secret already gone';
    await writeSummary({ title, receipt });
  }
}

/** Why a secret was no longer there to burn. */
function gone(state: string): string {
  if (state === 'received') return 'opened by the recipient';
  if (state === 'burned') return 'burned';
  if (state === 'expired') return 'expired';
  return `gone (${state})`;
}

/** `operation: status`: reads the receipt (never the secret), e.g. to see whether the recipient opened it. */
export async function status(settings: ReceiptSettings, client: OtsClient): Promise<void> {
  const read = await client.receipt(settings.receiptKey);
  maskReceipt(read);
  const receipt = withKnownState(read);
  setReceiptOutputs(receipt, { withholdLink: true });
  core.info(`The secret is ${receipt.state}${opened(receipt.state)}.`);
  if (settings.reporting.summary) await writeSummary({ title: 'One-time secret status', receipt });
}

/** What a state means for the person waiting on the recipient (core has translated older servers' names). */
function opened(state: string): string {
  if (state === 'received') return ': the recipient has opened it';
  if (state === 'new') return ': not opened yet';
  // Older servers also mark a receipt viewed when the sender reads it, so this is no proof of the recipient.
  if (state === 'viewed') return ': its page was viewed, but the secret not revealed yet';
  return '';
}
