import type { Caller } from '../accounts.ts';
import { type ServerState, siteFor } from '../state.ts';
import type { Receipt, ReceiptState, StoredSecret } from '../store.ts';
import { displayLines, naturalDuration, oneLiner } from './details.ts';
import type { V2Presenter } from './present.ts';

// main (de53ff8) as recorded in main-de53ff8-v2.md: record.receipt plus its legacy twin
// record.metadata, the new state names, owner objids instead of e-mails, float created/updated,
// relative paths without a leading slash, and no `success` on show, reveal and receipt answers.

/** `default_expiration 14.days` in main's receipt model, which the burn answer reports. */
const RECEIPT_DEFAULT_EXPIRATION = 14 * 86_400;

const STATE_NAMES: Record<ReceiptState, string> = {
  new: 'new',
  viewed: 'previewed',
  received: 'revealed',
  burned: 'burned',
  expired: 'expired',
  orphaned: 'orphaned',
};

/**
 * A float as it comes back from Redis: the create answer shows Time.now.to_f whole, every later
 * read the stored text, 15 significant digits (1796138034.6959877 → 1796138034.69599).
 */
function stored(value: number): number {
  return Number(value.toPrecision(15));
}

type Precision = 'fresh' | 'stored';

function time(value: number, precision: Precision): number {
  return precision === 'fresh' ? value : stored(value);
}

function receiptDump(
  state: ServerState,
  receipt: Receipt,
  secretIdentifier: boolean,
  precision: Precision = 'stored',
) {
  const st = receipt.state;
  const revealed = st === 'received';
  const previewed = receipt.previewed !== undefined;
  return {
    identifier: receipt.key,
    key: receipt.key,
    // main's receipts name no e-mail: custid stays null, owner_id is the customer's objid.
    custid: null,
    owner_id: state.accounts.get(receipt.owner)?.objid ?? null,
    state: STATE_NAMES[st],
    secret_shortid: receipt.secretShortKey,
    // Emptied once the secret is read, burned or gone.
    ...(secretIdentifier ? { secret_identifier: live(receipt) ? receipt.secretKey : '' } : {}),
    // The stored lifespan is the secret's; only the Redis expiry of the receipt is twice that.
    secret_ttl: receipt.ttl,
    metadata_ttl: receipt.ttl,
    receipt_ttl: receipt.ttl,
    lifespan: receipt.ttl,
    share_domain: receipt.shareDomain === '' ? null : receipt.shareDomain,
    created: time(receipt.stamps.created, precision),
    updated: time(receipt.stamps.updated, precision),
    shared: null,
    recipients: receipt.recipients.join(', '),
    recipient_name: null,
    memo: null,
    shortid: receipt.key.slice(0, 8),
    show_recipients: receipt.recipients.length > 0,
    previewed: receipt.previewed ?? null,
    revealed: receipt.received ?? null,
    is_previewed: previewed,
    viewed: receipt.previewed ?? null,
    received: receipt.received ?? null,
    burned: receipt.burned ?? null,
    is_viewed: previewed,
    is_received: revealed,
    is_revealed: revealed,
    is_burned: st === 'burned',
    is_expired: st === 'expired',
    is_orphaned: st === 'orphaned',
    is_destroyed: revealed || st === 'burned' || st === 'expired' || st === 'orphaned',
    has_passphrase: receipt.hasPassphrase,
    kind: receipt.kind,
    source: 'standard',
  };
}

function live(receipt: Receipt): boolean {
  return receipt.state === 'new' || receipt.state === 'viewed';
}

function secretDump(secret: StoredSecret, state: string, precision: Precision = 'stored') {
  return {
    identifier: secret.key,
    key: secret.key,
    shortid: secret.key.slice(0, 8),
    state,
    lifespan: secret.ttl,
    secret_ttl: secret.ttl,
    has_passphrase: secret.passphraseHash !== undefined,
    verification: false,
    created: time(secret.stamps.created, precision),
    updated: time(secret.stamps.updated, precision),
    is_previewed: state === 'previewed',
    is_revealed: state === 'revealed',
    is_viewed: state === 'previewed',
    is_received: state === 'revealed',
  };
}

/** main joins path components with '/': no leading slash, and an empty key once the secret is gone. */
function links(state: ServerState, receipt: Receipt, secretKey: string) {
  const site = siteFor(state, receipt.shareDomain);
  return {
    share_path: `secret/${secretKey}`,
    burn_path: `receipt/${receipt.key}/burn`,
    receipt_path: `receipt/${receipt.key}`,
    metadata_path: `receipt/${receipt.key}`,
    share_url: `${site}/secret/${secretKey}`,
    receipt_url: `${site}/receipt/${receipt.key}`,
    metadata_url: `${site}/receipt/${receipt.key}`,
    burn_url: `${site}/receipt/${receipt.key}/burn`,
  };
}

function secretState(secret: StoredSecret): string {
  return secret.state === 'viewed' ? 'previewed' : secret.state;
}

/** main's Secret#owner? is false for anonymous secrets, whoever asks. */
function isOwner(secret: StoredSecret, caller: Caller): boolean {
  return secret.owner !== 'anon' && caller.kind === 'account' && caller.account.username === secret.owner;
}

export function presenterCurrent(state: ServerState): V2Presenter {
  const receiptRecord = (receipt: Receipt, secret: StoredSecret | undefined) => ({
    ...receiptDump(state, receipt, secret !== undefined),
    secret_state: secret ? secretState(secret) : null,
    natural_expiration: naturalDuration(receipt.ttl),
    expiration: receipt.created + receipt.ttl,
    expiration_in_seconds: receipt.ttl,
    ...links(state, receipt, secret ? receipt.secretKey : ''),
  });

  return {
    created({ secret, receipt, recipients, recipientsSafe }) {
      const dump = receiptDump(state, receipt, true, 'fresh');
      return {
        success: true,
        record: {
          receipt: dump,
          metadata: dump,
          secret: secretDump(secret, secretState(secret), 'fresh'),
          share_domain: receipt.shareDomain === '' ? null : receipt.shareDomain,
        },
        details: { kind: receipt.kind, recipient: recipients, recipient_safe: recipientsSafe },
      };
    },

    secretPreview(secret, caller) {
      const hasPassphrase = secret.passphraseHash !== undefined;
      return {
        record: secretDump(secret, secretState(secret)),
        details: {
          continue: false,
          is_owner: isOwner(secret, caller),
          show_secret: false,
          // Nothing to check on a secret without a passphrase, so main counts it as correct.
          correct_passphrase: !hasPassphrase,
          display_lines: 4,
          one_liner: null,
        },
      };
    },

    withheld(secret, caller) {
      // A reveal without continue: the preview, but the passphrase was checked (false when none).
      const preview = this.secretPreview(secret, caller, false);
      const details = preview.details as Record<string, unknown>;
      return { ...preview, details: { ...details, correct_passphrase: secret.passphraseHash !== undefined } };
    },

    secretStatus(secret) {
      return {
        record: secretDump(secret, secretState(secret)),
        details: { current_expiration: state.store.secretTtlLeft(secret) },
      };
    },

    revealed(secret, value, caller) {
      return {
        record: { ...secretDump(secret, 'revealed'), secret_value: value },
        details: {
          continue: true,
          is_owner: isOwner(secret, caller),
          show_secret: true,
          // secret.passphrase?(given) is false when the secret has none.
          correct_passphrase: secret.passphraseHash !== undefined,
          display_lines: displayLines(value),
          one_liner: oneLiner(value),
        },
      };
    },

    receipt(receipt, secret, shownValue) {
      const hasPassphrase = secret ? secret.passphraseHash !== undefined : false;
      const consumed = receipt.state !== 'new';
      const showSecret = secret !== undefined && !hasPassphrase && !consumed;
      return {
        record: receiptRecord(receipt, secret),
        details: {
          type: 'record',
          display_lines: displayLines(shownValue),
          no_cache: true,
          secret_realttl: secret ? state.store.secretTtlLeft(secret) : null,
          view_count: receipt.viewCount,
          first_access: receipt.firstAccess ?? null,
          last_access: receipt.lastAccess ?? null,
          has_passphrase: hasPassphrase,
          can_decrypt: secret ? !hasPassphrase : false,
          secret_value: shownValue ?? null,
          show_secret: showSecret,
          show_secret_link: showSecret && receipt.recipients.length === 0,
          show_receipt_link: receipt.state === 'new',
          show_receipt: true,
          show_recipients: receipt.recipients.length > 0,
        },
      };
    },

    burned(before, _after, success) {
      // main loads the receipt before burning and dumps that in-memory copy afterwards: the state
      // from before the burn, with the 14-day expiry of the receipt model's default, not its TTL.
      return {
        success,
        record: {
          ...receiptDump(state, before, true),
          natural_expiration: naturalDuration(RECEIPT_DEFAULT_EXPIRATION),
          expiration: before.created + RECEIPT_DEFAULT_EXPIRATION,
          expiration_in_seconds: RECEIPT_DEFAULT_EXPIRATION,
          ...links(state, before, before.secretKey),
        },
        details: {
          type: 'record',
          title: 'Secret burned',
          display_lines: 0,
          display_feedback: false,
          no_cache: true,
          view_count: before.viewCount,
          has_passphrase: before.hasPassphrase,
          can_decrypt: false,
          show_secret: false,
          show_secret_link: false,
          show_receipt_link: false,
          show_receipt: true,
          show_recipients: before.recipients.length > 0,
          is_orphaned: before.state === 'orphaned',
        },
      };
    },

    recent(caller, receipts) {
      const records = receipts.map((r) => receiptDump(state, r, true));
      const now = state.store.now();
      const at = state.clock.stamp();
      return {
        success: true,
        custid: caller.account.objid,
        count: records.length,
        records,
        details: {
          type: 'list',
          scope: null,
          scope_label: null,
          since: now - 30 * 86_400,
          now: at,
          has_items: records.length > 0,
          revealed_receipts: records.filter((r) => r.is_destroyed),
          pending_receipts: records.filter((r) => !r.is_destroyed),
        },
      };
    },

    authcheck(caller) {
      const a = caller.account;
      return {
        success: true,
        record: { identifier: a.objid, custid: a.objid, email: a.username, role: 'customer', verified: true },
        details: { authenticated: true },
      };
    },
  };
}
