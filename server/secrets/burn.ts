import { verifyPassphrase } from '../passphrase.ts';
import type { ServerState } from '../state.ts';
import type { Receipt } from '../store.ts';
import { type Client, lockTier } from './client.ts';

export type BurnOutcome =
  | { kind: 'burned'; before: Receipt; receipt: Receipt }
  | { kind: 'unknown-receipt' }
  | { kind: 'secret-gone'; receipt: Receipt }
  /** The passphrase was right (or not needed) but the caller did not confirm with continue. */
  | { kind: 'withheld'; receipt: Receipt }
  | { kind: 'wrong-passphrase' }
  | { kind: 'rate-limited'; retryAfter: number };

export function burnReceipt(
  state: ServerState,
  receiptKey: string,
  passphrase: string,
  client: Client,
  confirmed = true,
): BurnOutcome {
  const receipt = state.store.receipt(receiptKey);
  if (!receipt) return { kind: 'unknown-receipt' };
  const secret = state.store.secretOf(receipt);
  if (!secret) return { kind: 'secret-gone', receipt };
  const current = state.era.name === 'current';
  const tier = lockTier(client);
  if (secret.passphraseHash !== undefined) {
    const wait = current ? state.lockout.lockedFor(secret.key, tier) : undefined;
    if (wait !== undefined) return { kind: 'rate-limited', retryAfter: wait };
    if (passphrase === '' || !verifyPassphrase(passphrase, secret.passphraseHash)) {
      if (current) state.lockout.fail(secret.key, tier);
      return { kind: 'wrong-passphrase' };
    }
    if (current) state.lockout.clear(secret.key, tier);
  }
  if (!confirmed) return { kind: 'withheld', receipt };
  const before = { ...receipt, recipients: [...receipt.recipients] };
  state.store.burn(receipt);
  const owner = state.accounts.get(receipt.owner);
  if (owner) owner.stats.secretsBurned++;
  return { kind: 'burned', before, receipt };
}
