import { type ServerState, siteFor } from '../state.ts';
import type { Receipt, ReceiptState, StoredSecret } from '../store.ts';
import { displayLines, naturalDuration, previewDetails, revealDetails } from './details.ts';
import type { V2Presenter } from './present.ts';

// main (v0.26): record.receipt plus its legacy twin record.metadata, typed numbers (integers for
// TTLs, floats for created/updated), the new state names, and /receipt/ links.

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

function receiptDump(receipt: Receipt, includeSecretIdentifier: boolean) {
  const st = receipt.state;
  const revealed = st === 'received';
  return {
    identifier: receipt.key,
    key: receipt.key,
    custid: receipt.owner === 'anon' ? null : receipt.owner,
    owner_id: receipt.owner === 'anon' ? null : receipt.owner,
    state: STATE_NAMES[st],
    secret_shortid: receipt.secretShortKey,
    ...(includeSecretIdentifier ? { secret_identifier: receipt.secretKey } : {}),
    secret_ttl: receipt.ttl,
    metadata_ttl: 2 * receipt.ttl,
    receipt_ttl: 2 * receipt.ttl,
    lifespan: 2 * receipt.ttl,
    share_domain: receipt.shareDomain === '' ? null : receipt.shareDomain,
    created: receipt.created,
    updated: receipt.updated,
    shared: null,
    recipients: receipt.recipients.join(', '),
    recipient_name: null,
    memo: receipt.memo,
    shortid: receipt.key.slice(0, 8),
    show_recipients: receipt.recipients.length > 0,
    previewed: receipt.viewed ?? null,
    revealed: receipt.received ?? null,
    is_previewed: st === 'viewed',
    viewed: receipt.viewed ?? null,
    received: receipt.received ?? null,
    burned: receipt.burned ?? null,
    is_viewed: st === 'viewed',
    is_received: revealed,
    is_revealed: revealed,
    is_burned: st === 'burned',
    is_expired: st === 'expired',
    is_orphaned: st === 'orphaned',
    is_destroyed: revealed || st === 'burned' || st === 'expired' || st === 'orphaned',
    has_passphrase: receipt.hasPassphrase,
    kind: receipt.kind,
    source: 'api',
  };
}

function secretDump(secret: StoredSecret, state: string) {
  return {
    identifier: secret.key,
    key: secret.key,
    shortid: secret.key.slice(0, 8),
    state,
    lifespan: secret.ttl,
    secret_ttl: secret.ttl,
    has_passphrase: secret.passphraseHash !== undefined,
    verification: false,
    created: secret.created,
    updated: secret.updated,
    is_previewed: state === 'previewed',
    is_revealed: state === 'revealed',
    is_viewed: state === 'previewed',
    is_received: state === 'revealed',
  };
}

function links(state: ServerState, receipt: Receipt, secretKey: string) {
  const site = siteFor(state, receipt.shareDomain);
  return {
    share_path: `/secret/${secretKey}`,
    burn_path: `/receipt/${receipt.key}/burn`,
    receipt_path: `/receipt/${receipt.key}`,
    metadata_path: `/receipt/${receipt.key}`,
    share_url: `${site}/secret/${secretKey}`,
    receipt_url: `${site}/receipt/${receipt.key}`,
    metadata_url: `${site}/receipt/${receipt.key}`,
    burn_url: `${site}/receipt/${receipt.key}/burn`,
  };
}

function secretState(secret: StoredSecret): string {
  return secret.state === 'viewed' ? 'previewed' : secret.state;
}

export function presenterCurrent(state: ServerState): V2Presenter {
  const receiptRecord = (receipt: Receipt, secret: StoredSecret | undefined, showSecret: boolean) => ({
    ...receiptDump(receipt, showSecret),
    secret_state: secret ? secretState(secret) : null,
    natural_expiration: naturalDuration(receipt.ttl),
    expiration: secret ? receipt.created + receipt.ttl : null,
    expiration_in_seconds: receipt.ttl,
    ...links(state, receipt, receipt.secretKey),
  });

  return {
    created({ secret, receipt, recipients, recipientsSafe }) {
      const dump = receiptDump(receipt, true);
      return {
        success: true,
        record: {
          receipt: dump,
          metadata: dump,
          secret: secretDump(secret, secretState(secret)),
          share_domain: receipt.shareDomain === '' ? null : receipt.shareDomain,
        },
        details: { kind: receipt.kind, recipient: recipients, recipient_safe: recipientsSafe },
      };
    },

    secretPreview(secret, isOwner) {
      return {
        success: true,
        record: secretDump(secret, secretState(secret)),
        details: previewDetails(isOwner),
      };
    },

    secretStatus(secret) {
      return {
        record: secretDump(secret, secretState(secret)),
        details: { current_expiration: state.store.secretTtlLeft(secret) },
      };
    },

    revealed(secret, value, isOwner) {
      return {
        success: true,
        record: { ...secretDump(secret, 'revealed'), secret_value: value },
        details: revealDetails(value, isOwner),
      };
    },

    receipt(receipt, secret, shownValue) {
      const hasPassphrase = secret ? secret.passphraseHash !== undefined : false;
      const consumed = receipt.state !== 'new';
      const showSecret = secret !== undefined && !hasPassphrase && !consumed;
      return {
        success: true,
        record: receiptRecord(receipt, secret, showSecret),
        details: {
          type: 'record',
          display_lines: displayLines(shownValue),
          no_cache: true,
          secret_realttl: secret ? state.store.secretTtlLeft(secret) : null,
          view_count: 0,
          first_access: null,
          last_access: null,
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
          ...receiptDump(before, true),
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
          view_count: 0,
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
      const records = receipts.map((r) => receiptDump(r, false));
      const now = state.store.now();
      return {
        success: true,
        custid: caller.account.username,
        count: records.length,
        records,
        details: {
          type: 'list',
          scope: null,
          scope_label: null,
          since: now - 30 * 86_400,
          now,
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
        record: {
          identifier: a.username,
          custid: a.username,
          email: a.username,
          role: 'customer',
          verified: true,
        },
        details: { authenticated: true },
      };
    },
  };
}
