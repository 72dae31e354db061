import type { Clock } from './clock.ts';
import { generateKey } from './keys.ts';

export type ReceiptState = 'new' | 'viewed' | 'received' | 'burned' | 'expired' | 'orphaned';
export type SecretKind = 'conceal' | 'generate';

export interface StoredSecret {
  key: string;
  receiptKey: string;
  value: string;
  /** scrypt hash; the plaintext passphrase is never kept. */
  passphraseHash: string | undefined;
  ttl: number;
  created: number;
  updated: number;
  /** created/updated as main's float timestamps (Time.now.to_f). */
  stamps: Stamps;
  expiresAt: number;
  state: 'new' | 'viewed';
  owner: string;
  kind: SecretKind;
  truncated: boolean;
}

export interface Receipt {
  key: string;
  /** '' once the secret is burned, expired or orphaned. */
  secretKey: string;
  secretShortKey: string;
  owner: string;
  /** The secret's TTL as stored at creation; the receipt itself lives twice as long. */
  ttl: number;
  created: number;
  updated: number;
  stamps: Stamps;
  expiresAt: number;
  secretExpiresAt: number;
  state: ReceiptState;
  viewed: number | undefined;
  received: number | undefined;
  burned: number | undefined;
  /** main's access telemetry: a look at the secret (preview or status) marks its receipt previewed. */
  previewed: number | undefined;
  viewCount: number;
  firstAccess: number | undefined;
  lastAccess: number | undefined;
  recipients: string[];
  shareDomain: string;
  hasPassphrase: boolean;
  kind: SecretKind;
  /** Current era shows a generated value on the receipt once; this records that it was shown. */
  valueDisplayClaimed: boolean;
  memo: string;
}

export interface Stamps {
  created: number;
  updated: number;
}

export interface NewSecret {
  value: string;
  passphraseHash: string | undefined;
  ttl: number;
  owner: string;
  recipients: string[];
  shareDomain: string;
  kind: SecretKind;
  truncated: boolean;
}

/** Secrets and receipts with Redis-like expiry driven by the server clock. */
export class Store {
  readonly #secrets = new Map<string, StoredSecret>();
  readonly #receipts = new Map<string, Receipt>();
  readonly #clock: Clock;
  readonly #keyLength: number;
  readonly #shortKeyLength: number;

  constructor(clock: Clock, keyLength: number, shortKeyLength: number) {
    this.#clock = clock;
    this.#keyLength = keyLength;
    this.#shortKeyLength = shortKeyLength;
  }

  create(input: NewSecret): { secret: StoredSecret; receipt: Receipt } {
    const now = this.#clock.now();
    const secretStamp = this.#clock.stamp();
    const receiptStamp = this.#clock.stamp();
    const secretKey = this.#freshKey();
    const receiptKey = this.#freshKey();
    const secret: StoredSecret = {
      key: secretKey,
      receiptKey,
      value: input.value,
      passphraseHash: input.passphraseHash,
      ttl: input.ttl,
      created: now,
      updated: now,
      stamps: { created: secretStamp, updated: secretStamp },
      expiresAt: now + input.ttl,
      state: 'new',
      owner: input.owner,
      kind: input.kind,
      truncated: input.truncated,
    };
    const receipt: Receipt = {
      key: receiptKey,
      secretKey,
      secretShortKey: secretKey.slice(0, this.#shortKeyLength),
      owner: input.owner,
      ttl: input.ttl,
      created: now,
      updated: now,
      stamps: { created: receiptStamp, updated: receiptStamp },
      expiresAt: now + 2 * input.ttl,
      secretExpiresAt: now + input.ttl,
      state: 'new',
      viewed: undefined,
      received: undefined,
      burned: undefined,
      previewed: undefined,
      viewCount: 0,
      firstAccess: undefined,
      lastAccess: undefined,
      recipients: input.recipients,
      shareDomain: input.shareDomain,
      hasPassphrase: input.passphraseHash !== undefined,
      kind: input.kind,
      valueDisplayClaimed: false,
      memo: '',
    };
    this.#secrets.set(secretKey, secret);
    this.#receipts.set(receiptKey, receipt);
    return { secret, receipt };
  }

  now(): number {
    return this.#clock.now();
  }

  /** The live secret, or undefined when unknown, consumed, burned or expired. */
  secret(key: string): StoredSecret | undefined {
    const secret = this.#secrets.get(key);
    if (!secret) return undefined;
    if (this.#clock.now() >= secret.expiresAt) {
      this.#secrets.delete(key);
      return undefined;
    }
    return secret;
  }

  /** The live receipt; a receipt whose secret vanished on its own turns expired (or orphaned). */
  receipt(key: string): Receipt | undefined {
    const receipt = this.#receipts.get(key);
    if (!receipt) return undefined;
    const now = this.#clock.now();
    if (now >= receipt.expiresAt) {
      this.#receipts.delete(key);
      return undefined;
    }
    if ((receipt.state === 'new' || receipt.state === 'viewed') && !this.secret(receipt.secretKey)) {
      receipt.state = now >= receipt.secretExpiresAt ? 'expired' : 'orphaned';
      receipt.secretKey = '';
      this.#touch(receipt, now);
    }
    return receipt;
  }

  secretOf(receipt: Receipt): StoredSecret | undefined {
    return receipt.secretKey === '' ? undefined : this.secret(receipt.secretKey);
  }

  receiptOf(secret: StoredSecret): Receipt | undefined {
    return this.receipt(secret.receiptKey);
  }

  secretTtlLeft(secret: StoredSecret): number {
    return Math.max(0, secret.expiresAt - this.#clock.now());
  }

  receiptTtlLeft(receipt: Receipt): number {
    return Math.max(0, receipt.expiresAt - this.#clock.now());
  }

  markSecretViewed(secret: StoredSecret): void {
    if (secret.state === 'new') {
      secret.state = 'viewed';
      this.#touch(secret, this.#clock.now());
    }
  }

  markReceiptViewed(receipt: Receipt): void {
    if (receipt.state === 'new') {
      const now = this.#clock.now();
      receipt.state = 'viewed';
      receipt.viewed = now;
      this.#touch(receipt, now);
    }
  }

  /** The one-time read: the secret is destroyed in the same step that hands out its value. */
  consume(secret: StoredSecret): string {
    const now = this.#clock.now();
    this.#secrets.delete(secret.key);
    const receipt = this.#receipts.get(secret.receiptKey);
    if (receipt) {
      receipt.state = 'received';
      receipt.received = now;
      this.#touch(receipt, now);
    }
    return secret.value;
  }

  burn(receipt: Receipt): void {
    const now = this.#clock.now();
    this.#secrets.delete(receipt.secretKey);
    receipt.state = 'burned';
    receipt.burned = now;
    this.#touch(receipt, now);
    receipt.secretKey = '';
  }

  /** main: looking at a secret (preview or status) is recorded on its receipt; the receipt's state stays. */
  recordAccess(secret: StoredSecret): void {
    const receipt = this.#receipts.get(secret.receiptKey);
    if (!receipt) return;
    const now = this.#clock.now();
    const at = this.#clock.stamp();
    receipt.previewed ??= now;
    receipt.viewCount++;
    receipt.firstAccess ??= at;
    receipt.lastAccess = at;
  }

  #touch(record: { updated: number; stamps: Stamps }, now: number): void {
    record.updated = now;
    record.stamps.updated = this.#clock.stamp();
  }

  /** The owner's live receipts created within the window, most recently updated first. */
  recent(owner: string, windowSeconds: number): Receipt[] {
    const since = this.#clock.now() - windowSeconds;
    const receipts: Receipt[] = [];
    for (const key of [...this.#receipts.keys()]) {
      const receipt = this.receipt(key);
      if (receipt && receipt.owner === owner && receipt.created >= since) receipts.push(receipt);
    }
    return receipts.sort((a, b) => b.stamps.updated - a.stamps.updated);
  }

  #freshKey(): string {
    let key = generateKey(this.#keyLength);
    while (this.#secrets.has(key) || this.#receipts.has(key)) key = generateKey(this.#keyLength);
    return key;
  }
}
