// API v1: form-encoded requests, flat snake_case JSON answers with integers.
// Secrets travel only in request bodies, and an unset parameter is omitted (an empty `ttl=` is clamped to 60 s).
import type { ReceiptFields } from '../receipt.ts';
import type { Created, Json, WireApi, WireRequest } from './api.ts';
import { bool, createParams, num, obj, readStatus, record, str, strings, toRevealed } from './read.ts';
import { unexpected } from './unexpected.ts';

function post(path: string, params: Record<string, string | number | undefined>): WireRequest {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) body.append(name, String(value));
  }
  return { method: 'POST', path, body: body.toString(), contentType: 'form', idempotent: false };
}

function readCreated(body: unknown): Created {
  const json = record(body, 'the new secret');
  const fields = readV1Receipt(json);
  return typeof json.value === 'string' ? { fields, value: json.value } : { fields };
}

function readV1Receipt(record: Json): ReceiptFields {
  const receiptKey = str(record.metadata_key) ?? str(record.identifier);
  if (receiptKey === undefined) throw unexpected('the receipt has no metadata_key');
  return {
    receiptKey,
    secretKey: str(record.secret_key),
    state: str(record.state) ?? 'unknown',
    ttl: num(record.ttl),
    passphraseRequired: bool(record.passphrase_required),
    recipients: strings(record.recipient ?? record.recipients),
    shareDomain: str(record.share_domain),
    created: num(record.created),
    updated: num(record.updated),
    received: num(record.received),
    // `value` (the plaintext an old server returns on the first receipt fetch) is deliberately not read.
  };
}

export const v1: WireApi = {
  version: 'v1',
  status: { request: () => ({ method: 'GET', path: '/api/v1/status', idempotent: true }), read: readStatus },
  share: { request: (input) => post('/api/v1/share', createParams(input)), read: readCreated },
  generate: { request: (input) => post('/api/v1/generate', createParams(input)), read: readCreated },

  reveal: {
    request: ({ key, passphrase }) => post(`/api/v1/secret/${key}`, { passphrase }),
    read(body) {
      const json = record(body, 'the revealed secret');
      return toRevealed(json.value, json.secret_key, json.share_domain, 'value');
    },
  },

  // /private/ is served by every version (v0.23 has no /receipt/ in API v1).
  receipt: {
    request: ({ key }) => ({ method: 'GET', path: `/api/v1/private/${key}`, idempotent: true }),
    read: (body) => readV1Receipt(record(body, 'the receipt')),
  },

  burn: {
    request: ({ key, passphrase }) => post(`/api/v1/private/${key}/burn`, { passphrase }),
    read(body) {
      // {"state": <the receipt as loaded before the burn>, "secret_shortkey": …}; v1 reports failures as 404.
      const state = obj(record(body, 'the burn').state);
      if (state === undefined) throw unexpected('the burn answer has no receipt');
      return { fields: readV1Receipt(state), burned: true };
    },
  },

  recent: {
    request: () => ({ method: 'GET', path: '/api/v1/private/recent', idempotent: true }),
    read(body) {
      if (!Array.isArray(body)) throw unexpected('expected a list of receipts');
      return body.map((item) => readV1Receipt(record(item, 'a receipt')));
    },
  },
};
