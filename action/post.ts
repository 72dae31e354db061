import * as core from '@actions/core';
import { isOtsError, type OtsClient } from '../core/index.ts';
import { createClient } from './client.ts';
import { describeError } from './errors.ts';
import { type InputReader, Inputs, readConnection } from './inputs.ts';
import { mask, maskReceipt } from './mask.ts';
import { receiptKeysToBurn } from './state.ts';

/**
 * The post step. action.yml runs it only when the job failed or was cancelled (`post-if`): the runner
 * exposes no job status to the step itself. It burns only what the main step saved for it, which happens
 * only with `burn-on-failure: true` and only after the secret was created.
 */
export async function runPost(read: InputReader): Promise<void> {
  const receiptKeys = receiptKeysToBurn();
  if (receiptKeys.length === 0) {
    core.info('Nothing to burn: "burn-on-failure" was off or no secret was created.');
    return;
  }
  for (const key of receiptKeys) mask(key);
  let client: OtsClient | undefined;
  try {
    const passphrase = read(Inputs.Passphrase);
    client = createClient(readConnection(read));
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
async function burnOne(
  client: OtsClient,
  receiptKey: string,
  passphrase: string,
  many: boolean,
): Promise<string | undefined> {
  try {
    const receipt = await client.burn(receiptKey, passphrase === '' ? {} : { passphrase });
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
    return undefined;
  } catch (error) {
    if (isOtsError(error) && error.code === 'not_found') {
      // The receipt itself is unknown (it outlived its 2 × TTL, or another server holds it).
      core.warning(
        'burn-on-failure: nothing left to burn; the receipt is unknown to the server or has expired.',
      );
      return undefined;
    }
    return describeError(error, 'post-burn');
  }
}
