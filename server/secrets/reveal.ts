import type { Caller } from '../accounts.ts';
import { verifyPassphrase } from '../passphrase.ts';
import { FailedPassphraseLimiter } from '../rate-limit.ts';
import { custidOf, type ServerState } from '../state.ts';
import type { Receipt, StoredSecret } from '../store.ts';
import { type Client, lockTier } from './client.ts';

export type RevealOutcome =
  | { kind: 'revealed'; value: string; secret: StoredSecret; receipt: Receipt | undefined }
  /** The passphrase was right (or not needed) but the caller did not confirm with continue=true. */
  | { kind: 'withheld'; secret: StoredSecret }
  | { kind: 'unknown' }
  | { kind: 'wrong-passphrase'; secret: StoredSecret }
  | { kind: 'rate-limited'; retryAfter: number };

/**
 * The one-time read. A missing or wrong passphrase leaves the secret in place. Failures are
 * counted per (client, custid) on v0.23 and per secret (and client, on v2) on main.
 */
export function revealSecret(
  state: ServerState,
  caller: Caller,
  secretKey: string,
  passphrase: string,
  client: Client,
  confirmed = true,
): RevealOutcome {
  const secret = state.store.secret(secretKey);
  if (!secret) return { kind: 'unknown' };
  const v023 = state.era.name === 'v0.23';
  const tier = lockTier(client);
  if (v023 && client.api === 'v1') state.store.markSecretViewed(secret);
  if (secret.passphraseHash !== undefined) {
    if (!v023) {
      const wait = state.lockout.lockedFor(secret.key, tier);
      if (wait !== undefined) return { kind: 'rate-limited', retryAfter: wait };
    }
    const correct = passphrase !== '' && verifyPassphrase(passphrase, secret.passphraseHash);
    if (!correct) {
      if (v023) {
        const limited = state.failedPassphrases.fail(`${client.address}|${custidOf(caller)}`);
        if (limited) return { kind: 'rate-limited', retryAfter: FailedPassphraseLimiter.WINDOW };
      } else if (passphrase !== '' || client.api === 'v2') {
        state.lockout.fail(secret.key, tier);
      }
      return { kind: 'wrong-passphrase', secret };
    }
    if (!v023) state.lockout.clear(secret.key, tier);
  }
  if (!confirmed) return { kind: 'withheld', secret };
  const receipt = state.store.receiptOf(secret);
  const value = state.store.consume(secret);
  // OTS counts a secret as "shared" when its recipient reads it.
  const owner = state.accounts.get(secret.owner);
  if (owner) owner.stats.secretsShared++;
  return { kind: 'revealed', value, secret, receipt };
}
