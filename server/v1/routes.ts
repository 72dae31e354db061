import { bodyParams } from '../http/decode.ts';
import { mergeParams, obj, type Params, paramsFromPairs, str } from '../http/params.ts';
import { jsonReply, type Reply } from '../http/reply.ts';
import type { Call, Router } from '../http/router.ts';
import { burnReceipt } from '../secrets/burn.ts';
import type { Client } from '../secrets/client.ts';
import { createSecret, isCreateError } from '../secrets/create.ts';
import { valueShownOnReceipt } from '../secrets/receipt-value.ts';
import { revealSecret } from '../secrets/reveal.ts';
import { custidOf, type ServerState, siteFor } from '../state.ts';
import type { SecretKind } from '../store.ts';
import { formError, notAuthorized, rateLimited, unexpectedError, unknownSecret } from './errors.ts';
import { receiptHash, recentHash } from './receipt.ts';

const STATUS = { status: 'nominal', locale: 'en' };
const RECENT_WINDOW = 30 * 86_400;
// main refuses identifiers shorter than this before looking anything up.
const V1_MIN_IDENTIFIER_LENGTH = 20;

/** Flat params from the query string and the body (JSON only where the era parses it on v1). */
async function v1Params(state: ServerState, call: Call): Promise<Params> {
  const query = paramsFromPairs(call.query);
  const body = await bodyParams(call.body, call.contentType, { json: state.era.v1ParsesJson });
  return mergeParams(query, body);
}

function v1Client(call: Call): Client {
  return { address: call.remoteAddress, api: 'v1' };
}

function tooShort(state: ServerState, key: string): boolean {
  return state.era.name === 'current' && key.length < V1_MIN_IDENTIFIER_LENGTH;
}

function shortKeyNotFound(): Reply {
  return jsonReply(404, { message: 'Not Found' });
}

async function create(state: ServerState, call: Call, kind: SecretKind, nested: boolean): Promise<Reply> {
  if (call.caller.kind === 'invalid') return notAuthorized(state);
  let params = await v1Params(state, call);
  if (nested) {
    const inner = obj(params.secret);
    if (!inner) return formError(state, call.caller, 'Incorrect payload format');
    params = inner;
  }
  const outcome = createSecret(state, call.caller, { kind, params, api: 'v1' });
  if (isCreateError(outcome)) {
    return outcome.code === 'unexpected'
      ? unexpectedError(state, call.caller)
      : formError(state, call.caller, outcome.message);
  }
  const { secret, receipt, value } = outcome;
  const reply = jsonReply(
    200,
    receiptHash(state, receipt, {
      secretTtl: state.store.secretTtlLeft(secret),
      value,
      passphraseRequired: secret.passphraseHash !== undefined,
    }),
  );
  // v0.23 marks a generated secret's receipt viewed right after answering (the answer still says new).
  if (kind === 'generate' && state.era.name === 'v0.23') state.store.markReceiptViewed(receipt);
  return reply;
}

async function reveal(state: ServerState, call: Call): Promise<Reply> {
  if (call.caller.kind === 'invalid') return notAuthorized(state);
  const key = call.routeParams.key ?? '';
  if (tooShort(state, key)) return shortKeyNotFound();
  const params = await v1Params(state, call);
  const outcome = revealSecret(state, call.caller, key, str(params.passphrase) ?? '', v1Client(call));
  switch (outcome.kind) {
    case 'revealed':
      return jsonReply(200, {
        value: outcome.value,
        secret_key: key,
        share_domain: siteFor(state, outcome.receipt?.shareDomain ?? ''),
      });
    case 'rate-limited':
      return rateLimited(state);
    default:
      return unknownSecret(key);
  }
}

function showReceipt(state: ServerState, call: Call): Reply {
  if (call.caller.kind === 'invalid') return notAuthorized(state);
  const key = call.routeParams.key ?? '';
  if (tooShort(state, key)) return shortKeyNotFound();
  const receipt = state.store.receipt(key);
  if (!receipt) return unknownSecret(key);
  const secret = state.store.secretOf(receipt);
  const value = valueShownOnReceipt(state, receipt, secret);
  // v0.23's first read marks the receipt viewed, and the answer already says so.
  if (state.era.name === 'v0.23') state.store.markReceiptViewed(receipt);
  return jsonReply(
    200,
    receiptHash(state, receipt, {
      secretTtl: secret ? state.store.secretTtlLeft(secret) : null,
      value,
      passphraseRequired: secret ? secret.passphraseHash !== undefined : undefined,
      ...(state.era.name === 'current' ? { reader: custidOf(call.caller) } : {}),
    }),
  );
}

async function burn(state: ServerState, call: Call): Promise<Reply> {
  if (call.caller.kind === 'invalid') return notAuthorized(state);
  const key = call.routeParams.key ?? '';
  if (tooShort(state, key)) return shortKeyNotFound();
  const params = await v1Params(state, call);
  const outcome = burnReceipt(state, key, str(params.passphrase) ?? '', v1Client(call));
  switch (outcome.kind) {
    case 'unknown-receipt':
      return unknownSecret(key);
    case 'secret-gone':
    case 'withheld':
      return unknownSecret(outcome.receipt.key);
    case 'wrong-passphrase':
      return formError(state, call.caller, 'Double check that passphrase');
    case 'rate-limited':
      return rateLimited(state);
    case 'burned':
      // The embedded receipt is the one loaded before the burn: its state is stale on purpose.
      return jsonReply(200, {
        // main builds every v1 receipt answer with the requesting customer as custid.
        state: {
          ...receiptHash(state, outcome.before, { secretTtl: null }),
          ...(state.era.name === 'current' ? { custid: custidOf(call.caller) } : {}),
        },
        secret_shortkey: outcome.before.secretShortKey,
      });
  }
}

function recent(state: ServerState, call: Call): Reply {
  if (call.caller.kind !== 'account') return notAuthorized(state);
  // v0.21–v0.23 crash here (NameError in V1::Logic::Dashboard).
  if (state.era.name === 'v0.23') return unexpectedError(state, call.caller);
  const owner = call.caller.account.username;
  // main's v1 lists by creation score, ascending (show_receipt_list.rb: rangebyscore(since, now)).
  const receipts = state.store
    .recent(owner, RECENT_WINDOW)
    .sort((a, b) => a.stamps.created - b.stamps.created);
  return jsonReply(
    200,
    receipts.map((r) => recentHash(state, r)),
  );
}

function status(state: ServerState, call: Call, authRequired: boolean): Reply {
  if (call.caller.kind === 'invalid') return notAuthorized(state);
  if (authRequired && call.caller.kind !== 'account') return notAuthorized(state);
  return jsonReply(200, STATUS);
}

export function registerV1(router: Router, state: ServerState): void {
  const current = state.era.name === 'current';
  const p = '/api/v1';
  router.add('GET', `${p}/status`, (c) => status(state, c, false));
  router.add('GET', `${p}/authcheck`, (c) => status(state, c, true));
  router.add('POST', `${p}/share`, (c) => create(state, c, 'conceal', false));
  router.add('POST', `${p}/generate`, (c) => create(state, c, 'generate', false));
  router.add('POST', `${p}/create`, (c) => create(state, c, 'conceal', !current));
  router.add('POST', `${p}/secret/:key`, (c) => reveal(state, c));

  const receiptPrefixes = current ? ['receipt', 'private', 'metadata'] : ['private', 'metadata'];
  for (const prefix of receiptPrefixes) router.add('GET', `${p}/${prefix}/recent`, (c) => recent(state, c));
  for (const prefix of receiptPrefixes) {
    router.add(['GET', 'POST'], `${p}/${prefix}/:key`, (c) => showReceipt(state, c));
  }
  // v0.23.6 has no /metadata/:key/burn (T1#56).
  const burnPrefixes = current ? receiptPrefixes : ['private'];
  for (const prefix of burnPrefixes) router.add('POST', `${p}/${prefix}/:key/burn`, (c) => burn(state, c));
}
