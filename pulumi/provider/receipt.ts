// What the provider does with a created secret, through its receipt key on the server it was created on: refresh
// reads the receipt, destroy burns the secret. Receipts outlive their secret (2 × ttl) and then vanish, so "not
// found" is an expected answer to both.
import { isFinal, isOtsError, knownState, type OtsError, UNKNOWN_STATE } from '../../core/index.ts';
import type { ProviderImplementation } from '../serialized-provider.ts';
import { clientFor, providerFailure } from './connection.ts';
import { plain, type SecretOutputs } from './props.ts';

const notFound = (error: unknown) => isOtsError(error) && error.code === 'not_found';

/**
 * `pulumi refresh`: reports what happened to the secret (new, viewed, received, burned, expired). Only the state
 * and expiry are taken from the receipt: an OTS ≤ v0.25 receipt can carry the plaintext on its first fetch, and
 * that must never reach state. The resource is kept even when the receipt is gone, so a refresh never makes the
 * next `up` send a fresh link on its own; the links stay as they were, now dead.
 */
export const read: ProviderImplementation['read'] = async (id, props, context) => {
  const old = props as unknown as SecretOutputs;
  if (typeof old.receiptKey !== 'string' || typeof old.baseUrl !== 'string') return { id, props: old };
  const client = await clientFor(context, old.baseUrl);
  try {
    const receipt = await client.receipt(old.receiptKey);
    const expiresAt = receipt.expiresAt?.toISOString() ?? old.expiresAt;
    return { id, props: plain({ ...old, state: knownState(receipt.state), expiresAt }) };
  } catch (error) {
    if (!notFound(error)) throw providerFailure('reading the one-time secret receipt', error);
    // Before the expiry, "gone" has no known cause.
    const expired = old.expiresAt !== undefined && Date.parse(old.expiresAt) <= Date.now();
    return { id, props: { ...old, state: expired ? 'expired' : UNKNOWN_STATE } };
  } finally {
    await client.close();
  }
};

// Only these failures say something about the secret itself. Any other (credentials, network, timeout, rate
// limit, server error, aborted) is rethrown, so the engine keeps the resource and a later destroy can try again.
const ABOUT_THE_SECRET: ReadonlyArray<OtsError['code']> = ['not_found', 'invalid_request', 'invalid_input'];

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
    if (!isOtsError(error) || !ABOUT_THE_SECRET.includes(error.code)) {
      throw providerFailure('burning the one-time secret', error);
    }
    // A final state, or a receipt the server no longer knows: the secret can no longer be revealed, so for
    // delete the job is already done.
    const gone =
      notFound(error) ||
      (await client.receipt(receiptKey).then((receipt) => isFinal(receipt.state), notFound));
    if (!gone) throw providerFailure('burning the one-time secret', error);
  } finally {
    await client.close();
  }
};
