import { isOtsError, knownState, UNKNOWN_STATE } from '../../core/index.ts';
import type { ProviderImplementation } from '../serialized-provider.ts';
import { clientFor, providerFailure } from './connection.ts';
import { plain, type SecretOutputs } from './props.ts';

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
    if (!isOtsError(error) || error.code !== 'not_found') {
      throw providerFailure('reading the one-time secret receipt', error);
    }
    // Receipts outlive their secret (2 × ttl) and then vanish; before the expiry, "gone" has no known cause.
    const expired = old.expiresAt !== undefined && Date.parse(old.expiresAt) <= Date.now();
    return { id, props: { ...old, state: expired ? 'expired' : UNKNOWN_STATE } };
  } finally {
    await client.close();
  }
};
