import type { ServerState } from '../state.ts';
import type { Receipt, StoredSecret } from '../store.ts';

const GENERATED_VALUE_DISPLAY_TTL = 60;

/**
 * The plaintext a receipt read may show, only ever for a passphrase-less secret. v0.23: on the
 * first read of a new receipt. main: only a generated value, once (the claim is recorded), within
 * 60 s of creation.
 */
export function valueShownOnReceipt(
  state: ServerState,
  receipt: Receipt,
  secret: StoredSecret | undefined,
): string | undefined {
  // Without the passphrase the server cannot decrypt the value, so a passphrase secret never shows.
  if (!secret || receipt.state !== 'new' || secret.passphraseHash !== undefined) return undefined;
  if (state.era.name === 'v0.23') return secret.value;
  const fresh = state.store.now() - receipt.created < GENERATED_VALUE_DISPLAY_TTL;
  if (receipt.kind !== 'generate' || receipt.valueDisplayClaimed || !fresh) return undefined;
  receipt.valueDisplayClaimed = true;
  return secret.value;
}
