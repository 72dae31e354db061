import type { Account } from '../accounts.ts';
import { custidOf, type ServerState, shrimpOf, siteFor } from '../state.ts';
import type { Receipt, StoredSecret } from '../store.ts';
import { displayLines, naturalDuration, previewDetails, revealDetails } from './details.ts';
import type { V2Presenter } from './present.ts';

// v0.23.6 as recorded (T3): only `metadata` in create responses, shrimp and custid beside the
// record, numbers in freshly created objects but strings in anything loaded back from Redis.

// Familia's default TTL, which the v0.23 burn response reports in place of the secret's.
const FAMILIA_DEFAULT_TTL = 14 * 86_400;

const s = (n: number | undefined) => (n === undefined ? '' : String(n));

function flags(receipt: Receipt) {
  const st = receipt.state;
  return {
    shortkey: receipt.key.slice(0, 8),
    show_recipients: receipt.recipients.length > 0,
    is_viewed: st === 'viewed',
    is_received: st === 'received',
    is_burned: st === 'burned',
    is_expired: st === 'expired',
    is_orphaned: st === 'orphaned',
    is_destroyed: st === 'received' || st === 'burned' || st === 'expired' || st === 'orphaned',
    is_truncated: false,
    has_passphrase: receipt.hasPassphrase,
  };
}

/**
 * The receipt as v0.23 dumps it: a freshly created one carries numbers and fewer fields, one read
 * back from Redis carries every stored field, as strings.
 */
function metadata(receipt: Receipt, loaded: boolean) {
  const n = (value: number | undefined) => (loaded ? s(value) : value);
  return {
    identifier: receipt.key,
    key: receipt.key,
    custid: receipt.owner,
    state: receipt.state,
    secret_shortkey: receipt.secretShortKey,
    secret_ttl: n(receipt.ttl),
    metadata_ttl: n(2 * receipt.ttl),
    lifespan: n(2 * receipt.ttl),
    ...(loaded ? { share_domain: receipt.shareDomain } : {}),
    created: n(receipt.created),
    updated: n(receipt.updated),
    ...(loaded
      ? {
          shared: '',
          received: s(receipt.received),
          burned: s(receipt.burned),
          viewed: s(receipt.viewed),
          recipients: receipt.recipients.join(', '),
          memo: receipt.memo,
        }
      : {}),
    ...flags(receipt),
  };
}

const loadedMetadata = (receipt: Receipt) => metadata(receipt, true);

/** The secret's dump; v0.23 shows `updated` as a number when the same request just changed it. */
function secretDump(secret: StoredSecret, state: string, loaded: boolean, justUpdated = false) {
  const n = (value: number) => (loaded ? s(value) : value);
  return {
    identifier: secret.key,
    key: secret.key,
    state,
    secret_ttl: n(secret.ttl),
    lifespan: n(secret.ttl),
    shortkey: secret.key.slice(0, 8),
    has_passphrase: secret.passphraseHash !== undefined,
    verification: false,
    is_truncated: secret.truncated,
    created: n(secret.created),
    updated: loaded && !justUpdated ? s(secret.updated) : secret.updated,
  };
}

/** v0.23 puts the secret link on the share domain, the receipt and burn links on the site itself. */
function links(state: ServerState, receipt: Receipt, secretKey: string) {
  const site = state.site.url;
  return {
    share_path: `secret/${secretKey}`,
    burn_path: `private/${receipt.key}/burn`,
    metadata_path: `private/${receipt.key}`,
    share_url: `${siteFor(state, receipt.shareDomain)}/secret/${secretKey}`,
    metadata_url: `${site}/private/${receipt.key}`,
    burn_url: `${site}/private/${receipt.key}/burn`,
  };
}

function accountRecord(account: Account) {
  const plan = account.plan;
  return {
    identifier: account.username,
    custid: account.username,
    email: account.username,
    role: 'customer',
    verified: 'true',
    last_login: '',
    locale: '',
    updated: s(account.created),
    created: s(account.created),
    stripe_customer_id: '',
    stripe_subscription_id: '',
    stripe_checkout_email: '',
    plan: {
      identifier: plan,
      planid: plan,
      price: plan === 'basic' ? 0 : 35,
      discount: 0,
      options: {
        ttl: account.ttlMax,
        size: plan === 'basic' ? 1_000_000 : 10_000_000,
        api: true,
        name: plan === 'basic' ? 'Basic Plan' : 'Identity Plus',
        email: true,
        custom_domains: plan !== 'basic',
        dark_mode: true,
      },
    },
    secrets_created: s(account.stats.secretsCreated),
    secrets_burned: s(account.stats.secretsBurned),
    secrets_shared: s(account.stats.secretsShared),
    emails_sent: s(account.stats.emailsSent),
    active: true,
  };
}

export function presenterV023(state: ServerState): V2Presenter {
  return {
    created({ secret, receipt, recipients, recipientsSafe }, caller) {
      return {
        success: true,
        shrimp: shrimpOf(caller),
        custid: custidOf(caller),
        record: {
          metadata: metadata(receipt, false),
          secret: secretDump(secret, secret.state, false),
          share_domain: receipt.shareDomain === '' ? null : receipt.shareDomain,
        },
        details: {
          kind: receipt.kind,
          recipient: recipients[0] ?? '',
          recipient_safe: recipientsSafe,
          memo: '',
        },
      };
    },

    secretPreview(secret, caller, changed) {
      const isOwner = secret.owner === custidOf(caller);
      return {
        success: true,
        record: secretDump(secret, secret.state, true, changed),
        details: previewDetails(isOwner),
      };
    },

    secretStatus(secret) {
      return {
        success: true,
        record: secretDump(secret, secret.state, true),
        details: { realttl: state.store.secretTtlLeft(secret) },
      };
    },

    withheld(secret, caller) {
      return this.secretPreview(secret, caller, false);
    },

    revealed(secret, value, caller) {
      const isOwner = secret.owner === custidOf(caller);
      return {
        success: true,
        record: { ...secretDump(secret, 'received', true), secret_value: value },
        details: revealDetails(value, isOwner),
      };
    },

    receipt(receipt, secret, shownValue, caller) {
      const isOwner = receipt.owner === custidOf(caller);
      const hasPassphrase = secret ? secret.passphraseHash !== undefined : null;
      const showSecret = secret !== undefined && !hasPassphrase && receipt.state === 'new';
      const gone = receipt.state === 'received' || receipt.state === 'burned' || receipt.state === 'orphaned';
      const showMetadata = receipt.state !== 'viewed' || isOwner;
      const record: Record<string, unknown> = { ...loadedMetadata(receipt) };
      // The secret key is shown only alongside a showable secret.
      if (secret && showSecret) record.secret_key = secret.key;
      record.secret_state = secret ? secret.state : null;
      record.natural_expiration = naturalDuration(receipt.ttl);
      record.expiration = receipt.created + receipt.ttl;
      record.expiration_in_seconds = s(receipt.ttl);
      Object.assign(record, links(state, receipt, secret ? secret.key : ''));
      return {
        success: true,
        record,
        details: {
          type: 'record',
          display_lines: displayLines(shownValue),
          no_cache: true,
          secret_realttl: secret ? state.store.secretTtlLeft(secret) : null,
          maxviews: secret ? 1 : null,
          has_maxviews: secret ? false : null,
          view_count: null,
          has_passphrase: hasPassphrase,
          can_decrypt: secret ? !hasPassphrase : null,
          secret_value: shownValue ?? null,
          is_truncated: secret ? secret.truncated : null,
          show_secret: showSecret,
          show_secret_link: !gone && (showSecret || isOwner) && receipt.recipients.length === 0,
          show_metadata_link: receipt.state === 'new',
          show_metadata: showMetadata,
          show_recipients: showMetadata && receipt.recipients.length > 0,
        },
      };
    },

    burned(before, _after, success, caller) {
      return {
        success,
        shrimp: shrimpOf(caller),
        custid: custidOf(caller),
        record: {
          ...loadedMetadata(before),
          natural_expiration: naturalDuration(FAMILIA_DEFAULT_TTL),
          expiration: before.created + FAMILIA_DEFAULT_TTL,
          expiration_in_seconds: FAMILIA_DEFAULT_TTL,
          ...links(state, before, before.secretKey),
        },
        details: {
          type: 'record',
          title: 'Secret burned',
          display_lines: 0,
          display_feedback: false,
          no_cache: true,
          maxviews: 0,
          has_maxviews: false,
          view_count: 0,
          has_passphrase: false,
          can_decrypt: false,
          is_truncated: false,
          show_secret: false,
          show_secret_link: false,
          show_metadata_link: false,
          show_metadata: true,
          show_recipients: before.recipients.length > 0,
          is_orphaned: false,
        },
      };
    },

    recent(caller, receipts) {
      return {
        success: true,
        custid: caller.account.username,
        count: receipts.length,
        records: receipts.map(loadedMetadata),
      };
    },

    authcheck(caller) {
      return { record: accountRecord(caller.account), details: { authenticated: true } };
    },
  };
}
