// API v2: JSON requests (create parameters nested under "secret", `continue: true` on reveal and burn),
// answers wrapped in {success, record, details}. v0.23 sends numbers as strings in some answers and calls the
// receipt "metadata"; current servers call it "receipt" and use secret-lifecycle state names.
import { canonicalState, type ReceiptFields } from '../receipt.ts';
import { isFinal } from '../rules.ts';
import type { Created, CreateInput, Json, WireApi, WireRequest } from './api.ts';
import { bool, createParams, num, obj, pick, readStatus, record, str, strings, toRevealed } from './read.ts';
import { unexpected } from './unexpected.ts';

function post(path: string, payload: unknown): WireRequest {
  // JSON.stringify drops undefined members, so unset options are never sent.
  return { method: 'POST', path, body: JSON.stringify(payload), contentType: 'json', idempotent: false };
}

const create = (path: string, input: CreateInput) => post(path, { secret: createParams(input) });

function readCreated(body: unknown): Created {
  const record = envelope(body, 'the new secret');
  const receipt = obj(record.receipt) ?? obj(record.metadata);
  if (receipt === undefined) throw unexpected('the new secret has no receipt');
  const secret = obj(record.secret);
  const fields = readV2Receipt(receipt, secret);
  fields.shareDomain ??= str(record.share_domain);
  if (fields.recipients.length === 0) fields.recipients = strings(obj(obj(body)?.details)?.recipient_safe);
  const value = secret?.secret_value ?? secret?.value ?? record.value;
  return typeof value === 'string' ? { fields, value } : { fields };
}

function envelope(body: unknown, what: string): Json {
  const record = obj(obj(body)?.record);
  if (record === undefined) throw unexpected(`${what} has no record`);
  return record;
}

/** A receipt record from any v2 answer (create, show, burn, recent), old or new field names. */
function readV2Receipt(record: Json, secret?: Json): ReceiptFields {
  const receiptKey = str(pick(record, 'identifier', 'key', 'metadata_key', 'receipt_key'));
  if (receiptKey === undefined) throw unexpected('the receipt has no identifier');
  const secretKey =
    str(pick(record, 'secret_identifier', 'secret_key')) ??
    str(secret?.identifier ?? secret?.key) ??
    fromSharePath(record);
  const viewed = num(pick(record, 'previewed', 'viewed'));
  let state = str(record.state) ?? 'unknown';
  // main keeps the state "new" when the recipient opens the link without revealing, and only marks the receipt
  // previewed; v0.23 and v1 call that "viewed". One meaning for every server.
  if ((state === 'new' || state === 'shared') && (viewed !== undefined || bool(record.is_previewed) === true))
    state = 'viewed';
  return {
    receiptKey,
    secretKey,
    state,
    viewed,
    ttl: num(secret?.lifespan) ?? num(pick(record, 'secret_ttl', 'ttl')) ?? num(secret?.secret_ttl),
    passphraseRequired: bool(pick(record, 'has_passphrase', 'passphrase_required')),
    recipients: strings(pick(record, 'recipients', 'recipient')),
    shareDomain: str(record.share_domain),
    created: num(record.created),
    updated: num(record.updated),
    received: num(pick(record, 'received', 'revealed')),
  };
}

// v0.23 drops secret_key from a receipt once it was viewed, but its share_path still says "secret/<key>"
// ("secret/" once the secret is gone).
function fromSharePath(record: Json): string | undefined {
  return /(?:^|\/)secret\/([0-9a-z]+)$/.exec(str(record.share_path) ?? '')?.[1];
}

export const v2: WireApi = {
  version: 'v2',

  status: { request: () => ({ method: 'GET', path: '/api/v2/status', idempotent: true }), read: readStatus },

  serverVersion: {
    request: () => ({ method: 'GET', path: '/api/v2/version', idempotent: true }),
    read(body) {
      // ["0","23","6"] on the servers seen so far; a plain string would do as well.
      const version = obj(body)?.version;
      if (Array.isArray(version) && version.length > 0) return version.map(String).join('.');
      return str(version);
    },
  },

  share: { request: (input) => create('/api/v2/secret/conceal', input), read: readCreated },
  generate: { request: (input) => create('/api/v2/secret/generate', input), read: readCreated },

  reveal: {
    request: ({ key, passphrase }) => post(`/api/v2/secret/${key}/reveal`, { passphrase, continue: true }),
    read(body) {
      const record = envelope(body, 'the revealed secret');
      const secretKey = pick(record, 'identifier', 'key', 'secret_key');
      return toRevealed(record.secret_value, secretKey, record.share_domain, 'secret_value');
    },
  },

  receipt: {
    request: ({ key }) => ({ method: 'GET', path: `/api/v2/receipt/${key}`, idempotent: true }),
    // details.secret_value (the plaintext some servers add to a receipt) is deliberately never read.
    read: (body) => readV2Receipt(envelope(body, 'the receipt')),
  },

  burn: {
    request: ({ key, passphrase }) => post(`/api/v2/receipt/${key}/burn`, { passphrase, continue: true }),
    read(body) {
      // main answers a burn that found the secret already gone with {"success":true} and nothing else (its logic
      // returns nil before loading anything), so no record there means nothing was burned by this call.
      if (obj(body)?.success === true && obj(body)?.record === undefined) return { burned: false };
      const fields = readV2Receipt(envelope(body, 'the burn answer'));
      // A burn that found the secret already gone answers 200 with success false (current) or null (v0.23,
      // where the record then shows the final state instead of the stale pre-burn one).
      const success = obj(body)?.success;
      const burned = success === true || (success !== false && !isFinal(canonicalState(fields.state)));
      return { fields, burned };
    },
  },

  recent: {
    request: () => ({ method: 'GET', path: '/api/v2/receipt/recent', idempotent: true }),
    read(body) {
      const json = obj(body);
      const list = Array.isArray(body)
        ? body
        : (json?.records ?? json?.receipts ?? obj(json?.record)?.receipts);
      if (!Array.isArray(list)) throw unexpected('expected a list of receipts');
      return list.map((item) => readV2Receipt(record(item, 'a receipt')));
    },
  },
};
