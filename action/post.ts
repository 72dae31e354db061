// burn-on-failure. The main step saves the receipt keys it created (masked first) as step state, which the runner
// stores (GITHUB_STATE) and gives back to the post step only, as STATE_* variables; it never appears in logs.
// action.yml runs the post step only when the job failed or was cancelled (`post-if`): the runner exposes no job
// status to the step itself.
import * as core from '@actions/core';
import { isOtsError, OtsClient } from '../core/index.ts';
import { describeError } from './errors.ts';
import { type InputReader, readConnection } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';

/** One bundle runs both steps (as actions/checkout): true in the post step, else leaves the flag for it. */
export function isPostStep(): boolean {
  if (core.getState('isPost') === 'true') return true;
  core.saveState('isPost', 'true');
  return false;
}

/** Saves what the post step burns: a share's receipt key, or every one `recipients` created. Masked before. */
export function rememberForBurn(receiptKeys: string[]): void {
  if (receiptKeys.length > 0) core.saveState('burnReceiptKeys', JSON.stringify(receiptKeys));
}

function savedKeys(): string[] {
  let keys: unknown;
  try {
    keys = JSON.parse(core.getState('burnReceiptKeys') || '[]');
  } catch {
    // Written by rememberForBurn; anything else is ignored rather than failing the post step.
  }
  return Array.isArray(keys) ? keys.filter((key) => typeof key === 'string' && key !== '') : [];
}

/** The post step: burns only what the main step saved, which happens only after a secret was created. */
export async function runPost(read: InputReader): Promise<void> {
  const receiptKeys = savedKeys();
  if (receiptKeys.length === 0) {
    core.info('Nothing to burn: "burn-on-failure" was off or no secret was created.');
    return;
  }
  mask(...receiptKeys);
  let client: OtsClient | undefined;
  try {
    const passphrase = read('passphrase') || undefined;
    client = new OtsClient(readConnection(read));
    const failures: string[] = [];
    // One by one: a burn is never retried, and a job's worth of links is burned in seconds.
    for (const receiptKey of receiptKeys) {
      const failure = await burnOne(client, receiptKey, passphrase, receiptKeys.length > 1);
      if (failure !== undefined) failures.push(failure);
    }
    if (failures.length > 0) {
      const which =
        receiptKeys.length === 1 ? 'the secret' : `${failures.length} of ${receiptKeys.length} secrets`;
      core.setFailed(
        `burn-on-failure: could not burn ${which}. ${failures.join(' ')} ` +
          'Its link may still work: burn it from the receipt page (the "receipt-url" output, or the "receipts" output\'s receipt key).',
      );
    }
  } catch (error) {
    core.setFailed(`burn-on-failure: could not burn the secret. ${describeError(error, 'post-burn')}`);
  } finally {
    await client?.close();
  }
}

/** Burns one saved receipt key; the reason when it could not be burned. */
async function burnOne(client: OtsClient, receiptKey: string, passphrase?: string, many?: boolean) {
  try {
    const receipt = await client.burn(receiptKey, { passphrase });
    maskReceipt(receipt);
    if (receipt.burnedNow) {
      core.info(
        `The job failed: burned ${many ? 'one of the secrets' : 'the secret'} this step created, so its link no longer works.`,
      );
    } else {
      core.warning(
        `burn-on-failure: nothing left to burn; the secret was already opened, burned or expired (state: ${receipt.state}).`,
      );
    }
  } catch (error) {
    if (!isOtsError(error) || error.code !== 'not_found') return describeError(error, 'post-burn');
    // The receipt itself is unknown (it outlived its 2 × TTL, or another server holds it).
    core.warning(
      'burn-on-failure: nothing left to burn; the receipt is unknown to the server or has expired.',
    );
  }
  return undefined;
}
