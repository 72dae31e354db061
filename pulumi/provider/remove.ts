import { isFinal, isOtsError, type OtsError } from '../../core/index.ts';
import type { ProviderImplementation } from '../serialized-provider.ts';
import { clientFor, providerFailure } from './connection.ts';
import type { SecretOutputs } from './props.ts';

// Failures that say nothing about the secret itself; rethrown so the engine keeps the resource and a later
// destroy can try again.
const TRANSIENT_OR_CONFIG: ReadonlyArray<OtsError['code']> = [
  'unauthorized',
  'network',
  'timeout',
  'rate_limited',
  'server_error',
  'aborted',
];

/**
 * `pulumi destroy` (and replacement): burns the secret. A secret that was already received, burned, has expired
 * or is unknown to the server counts as deleted, so destroy never wedges on a link that did its job. A burn is
 * never retried; when it fails for another reason, a receipt read (safe to repeat) decides.
 */
export const remove: ProviderImplementation['remove'] = async (_id, props, context) => {
  const { receiptKey, baseUrl, passphrase } = props as unknown as SecretOutputs;
  if (typeof receiptKey !== 'string' || typeof baseUrl !== 'string') return;
  const client = await clientFor(context, baseUrl);
  try {
    await client.burn(receiptKey, passphrase !== undefined ? { passphrase } : {});
  } catch (error) {
    if (!isOtsError(error) || TRANSIENT_OR_CONFIG.includes(error.code)) {
      throw providerFailure('burning the one-time secret', error);
    }
    // A final state, or a receipt the server no longer knows: the secret can no longer be revealed, so for
    // delete the job is already done.
    const gone =
      error.code === 'not_found' ||
      (await client.receipt(receiptKey).then(
        (receipt) => isFinal(receipt.state),
        (failure) => isOtsError(failure) && failure.code === 'not_found',
      ));
    if (!gone) throw providerFailure('burning the one-time secret', error);
  } finally {
    await client.close();
  }
};
