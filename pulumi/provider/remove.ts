import { isFinal, isOtsError, type OtsError } from '../../core/index.ts';
import type { ProviderContext } from '../provider-protocol.ts';
import { clientAt } from './connection.ts';
import { providerFailure } from './failure.ts';
import type { SecretOutputs } from './props.ts';

// Failures that say nothing about the secret itself; rethrown so the engine keeps the resource and a later
// destroy can try again.
const TRANSIENT_OR_CONFIG = new Set<OtsError['code']>([
  'unauthorized',
  'network',
  'timeout',
  'rate_limited',
  'server_error',
  'aborted',
]);

/**
 * `pulumi destroy` (and replacement): burns the secret. A secret that was already received, burned, has expired
 * or is unknown to the server counts as deleted, so destroy never wedges on a link that did its job. A burn is
 * never retried; when it fails for another reason, a receipt read (safe to repeat) decides.
 */
export async function remove(
  _id: string,
  props: Record<string, unknown>,
  context: ProviderContext,
): Promise<void> {
  const old = props as unknown as SecretOutputs;
  if (typeof old.receiptKey !== 'string' || typeof old.baseUrl !== 'string') return;
  const client = await clientAt(old.baseUrl, context);
  try {
    try {
      await client.burn(old.receiptKey, old.passphrase !== undefined ? { passphrase: old.passphrase } : {});
      return;
    } catch (error) {
      if (!isOtsError(error) || TRANSIENT_OR_CONFIG.has(error.code)) throw error;
      if (error.code === 'not_found') return;
      if (!(await alreadyGone(client, old.receiptKey))) throw error;
    }
  } catch (error) {
    throw providerFailure('burning the one-time secret', error);
  } finally {
    await client.close();
  }
}

async function alreadyGone(
  client: Awaited<ReturnType<typeof clientAt>>,
  receiptKey: string,
): Promise<boolean> {
  try {
    // A final state: the secret can no longer be revealed, so for delete the job is already done.
    return isFinal((await client.receipt(receiptKey)).state);
  } catch (error) {
    if (isOtsError(error) && error.code === 'not_found') return true;
    return false;
  }
}
