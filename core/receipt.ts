// The one receipt model. Wire formats (core/wire/v1.ts, core/wire/v2.ts) read their JSON into ReceiptFields;
// toReceipt adds links and the TTL comparison. Nothing here ever holds a secret value.
import { receiptUrl, secretUrl } from './links.ts';
import { isFinal, type RECEIPT_STATES, type UNKNOWN_STATE } from './rules.ts';
import { unexpected } from './wire/unexpected.ts';

/** One of RECEIPT_STATES; a state the server invented is passed through as it came (front ends show 'unknown'). */
export type ReceiptState = (typeof RECEIPT_STATES)[number] | typeof UNKNOWN_STATE | (string & {});

export interface Receipt {
  receiptKey: string;
  /** Absent once the secret was received, burned or has expired. */
  secretKey?: string;
  /** <base URL or https://shareDomain>/secret/<secretKey>: the link for the recipient. */
  secretUrl?: string;
  /** <base URL>/receipt/<receiptKey>: the sender's page. */
  receiptUrl: string;
  state: ReceiptState;
  /** Seconds the server actually granted the secret. */
  ttl?: number;
  /** When the secret expires. */
  expiresAt?: Date;
  passphraseRequired?: boolean;
  /** Recipients as the server shows them (obscured). */
  recipients: string[];
  shareDomain?: string;
  createdAt?: Date;
  updatedAt?: Date;
  /** When the link was first opened without revealing the secret, where the server tells (main: "previewed"). */
  viewedAt?: Date;
  receivedAt?: Date;
  /** Set when the server granted a different TTL than asked (OTS clamps silently). */
  ttlAdjusted?: { requested: number; granted: number };
}

/** What a wire format knows about a receipt, in epoch seconds, before links are added. */
export type ReceiptFields = Pick<
  Receipt,
  'receiptKey' | 'secretKey' | 'state' | 'ttl' | 'passphraseRequired' | 'recipients' | 'shareDomain'
> & { created?: number; updated?: number; viewed?: number; received?: number };

// Current servers name states after the secret's lifecycle; v1 and older servers use the receipt's words.
// A Map, not an object literal: a plain-object index answers "constructor" or "__proto__" with inherited members.
const LEGACY_STATE: ReadonlyMap<string, ReceiptState> = new Map([
  ['shared', 'new'],
  ['previewed', 'viewed'],
  ['revealed', 'received'],
]);

// The share domain comes from the server and goes into the link people open (and into PR comments): only a host name
// is taken, never text that could carry a path, Markdown or markup.
const HOST = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i;

/** A state in core's words (RECEIPT_STATES), whatever era of server named it. */
export function canonicalState(state: string): ReceiptState {
  return LEGACY_STATE.get(state) ?? state;
}

export function toReceipt(fields: ReceiptFields, baseUrl: string, requestedTtl?: number): Receipt {
  const shareDomain = HOST.test(fields.shareDomain ?? '') ? fields.shareDomain : undefined;
  const state = canonicalState(fields.state);
  const receipt: Receipt = {
    receiptKey: fields.receiptKey,
    receiptUrl: receiptUrl(baseUrl, fields.receiptKey),
    state,
    recipients: fields.recipients,
  };
  // A secret key outlives its secret in some receipts ("" after burn, stale in the v1 burn answer).
  if (fields.secretKey !== undefined && !isFinal(state)) {
    receipt.secretKey = fields.secretKey;
    receipt.secretUrl = secretUrl(baseUrl, fields.secretKey, shareDomain);
  }
  if (fields.ttl !== undefined) receipt.ttl = fields.ttl;
  // Servers' own expiry fields disagree between answers (v0.23's burn answer says 14 days); created + ttl does not.
  if (fields.created !== undefined && fields.ttl !== undefined)
    receipt.expiresAt = date(fields.created + fields.ttl);
  if (fields.passphraseRequired !== undefined) receipt.passphraseRequired = fields.passphraseRequired;
  if (shareDomain !== undefined) receipt.shareDomain = shareDomain;
  if (fields.created !== undefined) receipt.createdAt = date(fields.created);
  if (fields.updated !== undefined) receipt.updatedAt = date(fields.updated);
  if (fields.viewed !== undefined) receipt.viewedAt = date(fields.viewed);
  if (fields.received !== undefined) receipt.receivedAt = date(fields.received);
  if (requestedTtl !== undefined && fields.ttl !== undefined && fields.ttl !== requestedTtl) {
    receipt.ttlAdjusted = { requested: requestedTtl, granted: fields.ttl };
  }
  return receipt;
}

/** The receipt in `state`, without the link: the secret can no longer be opened. */
export function withoutLink(receipt: Receipt, state: ReceiptState): Receipt {
  const { secretKey: _key, secretUrl: _url, ...rest } = receipt;
  return { ...rest, state };
}

// The largest time a Date can hold; a server's 1e20 would otherwise become an Invalid Date that throws when printed.
const MAX_EPOCH_SECONDS = 8.64e12;

// main sends float seconds (1796138034.6959877), with digits that differ between answers about the same record;
// millisecond precision is all a Date holds, and all anyone needs.
function date(epochSeconds: number): Date {
  if (!Number.isFinite(epochSeconds) || Math.abs(epochSeconds) > MAX_EPOCH_SECONDS) {
    throw unexpected('a time is out of range');
  }
  return new Date(Math.round(epochSeconds * 1000));
}
