import { type ServerState, siteFor } from '../state.ts';
import type { Receipt } from '../store.ts';

export interface ReceiptView {
  /** Live TTL of the secret, or null once it is gone (and in the burn response). */
  secretTtl: number | null;
  value?: string | undefined;
  /** Only known while the secret exists; omitted otherwise. */
  passphraseRequired?: boolean | undefined;
  /**
   * main's v1 receipt reads (not create, burn or recent): custid is whoever asks ('anon' for no
   * one), and the receipt link lacks its key (show_receipt.rb's receipt_key is nil there).
   */
  reader?: string;
}

/**
 * The v1 receipt ("metadata") object, field for field as v0.23 serializes it; main appends
 * metadata_url and its v0.24+ alias fields, each only when the legacy field is present.
 */
export function receiptHash(
  state: ServerState,
  receipt: Receipt,
  view: ReceiptView,
): Record<string, unknown> {
  const received = receipt.state === 'received';
  const live = receipt.state === 'new' || receipt.state === 'viewed';
  const hash: Record<string, unknown> = { custid: view.reader ?? receipt.owner, metadata_key: receipt.key };
  if (!received) hash.secret_key = live ? receipt.secretKey : '';
  hash.ttl = receipt.ttl;
  hash.metadata_ttl = state.store.receiptTtlLeft(receipt);
  if (!received) hash.secret_ttl = live ? view.secretTtl : null;
  if (state.era.name === 'current') {
    const key = view.reader === undefined ? receipt.key : '';
    hash.metadata_url = `${siteFor(state, receipt.shareDomain)}/receipt/${key}`;
  }
  hash.state = receipt.state;
  hash.updated = receipt.updated;
  hash.created = receipt.created;
  if (received) hash.received = receipt.received ?? receipt.updated;
  hash.recipient = [...receipt.recipients];
  hash.share_domain = receipt.shareDomain;
  if (view.value !== undefined) hash.value = view.value;
  if (view.passphraseRequired !== undefined) hash.passphrase_required = view.passphraseRequired;
  if (state.era.name === 'current') addCurrentAliases(hash);
  return hash;
}

/** main appends copies of the legacy fields under their new names (V1_ADDITIVE_FIELD_MAP). */
function addCurrentAliases(hash: Record<string, unknown>): void {
  hash.identifier = hash.metadata_key;
  if ('secret_key' in hash) hash.secret_identifier = hash.secret_key;
  if ('passphrase_required' in hash) hash.has_passphrase = hash.passphrase_required;
  hash.recipients = hash.recipient;
  hash.receipt_ttl = hash.metadata_ttl;
  hash.receipt_url = hash.metadata_url;
  if ('value' in hash) hash.secret_value = hash.value;
}

/**
 * A recent-list item as main builds it: no live secret TTL (null), no passphrase_required, and
 * secret_key deleted after the aliases were added, so its copy secret_identifier stays.
 */
export function recentHash(state: ServerState, receipt: Receipt): Record<string, unknown> {
  const hash = receiptHash(state, receipt, { secretTtl: null });
  delete hash.secret_key;
  return hash;
}
