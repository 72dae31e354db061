import type { Caller } from '../accounts.ts';
import { bodyParams } from '../http/decode.ts';
import { mergeParams, obj, type Params, paramsFromPairs, str } from '../http/params.ts';
import { JSON_UTF8, jsonReply, type Reply } from '../http/reply.ts';
import type { Call, Router } from '../http/router.ts';
import { burnReceipt } from '../secrets/burn.ts';
import type { Client } from '../secrets/client.ts';
import { createSecret, isCreateError } from '../secrets/create.ts';
import { valueShownOnReceipt } from '../secrets/receipt-value.ts';
import { revealSecret } from '../secrets/reveal.ts';
import { type ServerState, shrimpOf } from '../state.ts';
import type { SecretKind } from '../store.ts';
import {
  formError,
  logicUnauthorized,
  notAuthorized,
  notFound,
  rateLimited,
  receiptNotFound,
  unexpectedError,
} from './errors.ts';
import type { V2Presenter } from './present.ts';
import { presenterCurrent } from './present-current.ts';
import { presenterV023 } from './present-v023.ts';

const RECENT_WINDOW = 30 * 86_400;

async function v2Params(call: Call): Promise<Params> {
  return mergeParams(
    paramsFromPairs(call.query),
    await bodyParams(call.body, call.contentType, { json: true }),
  );
}

function v2Client(call: Call): Client {
  return { address: call.remoteAddress, api: 'v2' };
}

/** continue=true is how a v2 client confirms it means to consume the secret. */
function confirmed(params: Params): boolean {
  return params.continue === true || str(params.continue) === 'true';
}

/** Guest routes are anonymous by definition; the others refuse credentials that do not match. */
function callerOf(call: Call, guest: boolean): Caller | undefined {
  if (guest) return { kind: 'anonymous' };
  return call.caller.kind === 'invalid' ? undefined : call.caller;
}

/** main's JSON handler answers `application/json` without a charset on every v2 route. */
function bareJson(reply: Reply): Reply {
  return reply.contentType === JSON_UTF8 ? { ...reply, contentType: 'application/json' } : reply;
}

export function registerV2(routes: Router, state: ServerState): void {
  const router = state.era.name === 'current' ? routes.mapped(bareJson) : routes;
  const present: V2Presenter = state.era.name === 'current' ? presenterCurrent(state) : presenterV023(state);
  const v023 = state.era.name === 'v0.23';
  const p = '/api/v2';

  const create = (kind: SecretKind, guest: boolean) => async (call: Call) => {
    const caller = callerOf(call, guest);
    if (!caller) return notAuthorized(state, call.caller);
    const params = await v2Params(call);
    const payload = params.secret === undefined ? {} : obj(params.secret);
    if (!payload) return formError(state, caller, 'Incorrect payload format');
    const outcome = createSecret(state, caller, { kind, params: payload, api: 'v2' });
    if (isCreateError(outcome)) {
      if (outcome.code === 'unexpected') return unexpectedError(state, caller);
      // main raises Onetime::Unauthorized here (a 401), not a form error.
      if (outcome.code === 'account-required' && !v023) return logicUnauthorized(outcome.message);
      return formError(state, caller, outcome.message, {
        field: outcome.field,
        errorType: outcome.errorType,
      });
    }
    return jsonReply(200, present.created(outcome, caller));
  };

  const showSecret = (guest: boolean) => (call: Call) => {
    const caller = callerOf(call, guest);
    if (!caller) return notAuthorized(state, call.caller);
    const key = call.routeParams.id ?? '';
    const secret = state.store.secret(key);
    if (!secret) return notFound(state, key);
    // v0.23 marks the secret viewed on preview; main's preview has no side effect.
    const changed = v023 && secret.state === 'new';
    if (v023) state.store.markSecretViewed(secret);
    else state.store.recordAccess(secret);
    return jsonReply(200, present.secretPreview(secret, caller, changed));
  };

  const secretStatus = (call: Call) => {
    if (!callerOf(call, false)) return notAuthorized(state, call.caller);
    const key = call.routeParams.id ?? '';
    const secret = state.store.secret(key);
    // main answers a status query for a gone secret with a state, not an error.
    if (!secret) return v023 ? notFound(state, key) : jsonReply(200, { record: { state: 'unknown' } });
    if (!v023) state.store.recordAccess(secret);
    return jsonReply(200, present.secretStatus(secret));
  };

  const reveal = (guest: boolean) => async (call: Call) => {
    const caller = callerOf(call, guest);
    if (!caller) return notAuthorized(state, call.caller);
    const key = call.routeParams.id ?? '';
    const params = await v2Params(call);
    const passphrase = str(params.passphrase) ?? '';
    const outcome = revealSecret(state, caller, key, passphrase, v2Client(call), confirmed(params));
    switch (outcome.kind) {
      case 'revealed':
        return jsonReply(200, present.revealed(outcome.secret, outcome.value, caller));
      case 'withheld':
        return jsonReply(200, present.withheld(outcome.secret, caller));
      case 'wrong-passphrase':
        return formError(state, caller, 'Incorrect passphrase');
      case 'rate-limited':
        return rateLimited(state, outcome.retryAfter);
      case 'unknown':
        return notFound(state, key);
    }
  };

  const showReceipt = (guest: boolean) => (call: Call) => {
    const caller = callerOf(call, guest);
    if (!caller) return notAuthorized(state, call.caller);
    const key = call.routeParams.id ?? '';
    const receipt = state.store.receipt(key);
    if (!receipt) return receiptNotFound(state, key);
    const secret = state.store.secretOf(receipt);
    const shown = valueShownOnReceipt(state, receipt, secret);
    const reply = jsonReply(200, present.receipt(receipt, secret, shown, caller));
    // v0.23 answers with the state it found, then marks the receipt viewed.
    if (v023) state.store.markReceiptViewed(receipt);
    return reply;
  };

  /** main: [true, 'true']; v0.23 used the raw param, so anything but a missing value or false confirms. */
  const burnConfirmed = (params: Params) =>
    v023
      ? params.continue !== undefined && params.continue !== null && params.continue !== false
      : confirmed(params);

  const burn = (guest: boolean) => async (call: Call) => {
    const caller = callerOf(call, guest);
    if (!caller) return notAuthorized(state, call.caller);
    const key = call.routeParams.id ?? '';
    const params = await v2Params(call);
    const outcome = burnReceipt(
      state,
      key,
      str(params.passphrase) ?? '',
      v2Client(call),
      burnConfirmed(params),
    );
    switch (outcome.kind) {
      case 'burned':
        return jsonReply(200, present.burned(outcome.before, outcome.receipt, true, caller));
      case 'secret-gone':
        // Nothing left to burn (read, burned or expired already). v0.23 calls that a failed action;
        // main's logic returns nothing, which its framework answers as a bare {"success":true}.
        return v023
          ? jsonReply(500, {
              shrimp: shrimpOf(caller),
              message: 'Secret could not be burned.',
              success: false,
            })
          : jsonReply(200, { success: true });
      case 'withheld':
        // No continue: v0.23 refuses like a failed burn, main answers the receipt with success:false.
        return v023
          ? jsonReply(500, {
              shrimp: shrimpOf(caller),
              message: 'Secret could not be burned.',
              success: false,
            })
          : jsonReply(200, present.burned(outcome.receipt, outcome.receipt, false, caller));
      case 'wrong-passphrase':
        return formError(state, caller, 'Double check that passphrase');
      case 'rate-limited':
        return rateLimited(state, outcome.retryAfter);
      case 'unknown-receipt':
        return notFound(state, key);
    }
  };

  const recent = (call: Call) => {
    if (call.caller.kind !== 'account') return notAuthorized(state, call.caller);
    const receipts = state.store.recent(call.caller.account.username, RECENT_WINDOW);
    return jsonReply(200, present.recent(call.caller, receipts));
  };

  const statusList = async (call: Call) => {
    const caller = callerOf(call, false);
    if (!caller) return notAuthorized(state, call.caller);
    // v0.23.6 crashes here (NameError `secrets`, T3#14).
    if (v023) return unexpectedError(state, caller);
    const params = await v2Params(call);
    const ids = Array.isArray(params.identifiers)
      ? params.identifiers.filter((i) => typeof i === 'string')
      : [];
    const records = ids.flatMap((id: string) => {
      const secret = state.store.secret(id);
      return secret ? [present.secretStatus(secret).record] : [];
    });
    return jsonReply(200, { records, count: records.length });
  };

  const simple =
    (body: Record<string, unknown>, authRequired = false) =>
    (call: Call): Reply =>
      call.caller.kind === 'invalid' || (authRequired && call.caller.kind !== 'account')
        ? notAuthorized(state, call.caller)
        : jsonReply(200, body);

  // main puts success:true on its meta answers too; v0.23 did not.
  const meta = (body: Record<string, unknown>, authRequired = false) =>
    simple(v023 ? body : { success: true, ...body }, authRequired);
  router.add('GET', `${p}/status`, meta({ status: 'nominal', locale: 'en' }));
  // main's routes.txt: GET /version auth=sessionauth,basicauth.
  router.add('GET', `${p}/version`, meta({ version: state.era.version, locale: 'en' }, !v023));
  router.add('GET', `${p}/supported-locales`, meta({ locales: ['en'], default_locale: 'en', locale: 'en' }));
  if (v023) {
    router.add('GET', `${p}/authcheck`, (call: Call): Reply => {
      if (call.caller.kind !== 'account') return notAuthorized(state, call.caller);
      return jsonReply(200, present.authcheck(call.caller));
    });
  }

  if (v023) {
    // v0.23.6 answered CORS preflights for the create routes (and nothing else).
    const preflight = (): Reply => ({
      status: 200,
      body: '',
      contentType: 'application/json',
      headers: {
        Allow: 'GET, POST, OPTIONS',
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Authorization',
        'Access-Control-Max-Age': '86400',
      },
    });
    for (const path of [
      'secret/generate',
      'secret/conceal',
      'guest/secret/conceal',
      'guest/secret/generate',
    ]) {
      router.add('OPTIONS', `${p}/${path}`, preflight);
    }
  }

  for (const guest of [false, true]) {
    const g = guest ? '/guest' : '';
    router.add('POST', `${p}${g}/secret/conceal`, create('conceal', guest));
    router.add('POST', `${p}${g}/secret/generate`, create('generate', guest));
    if (!guest) {
      router.add('POST', `${p}/secret/status`, statusList);
      router.add('GET', `${p}/secret/:id/status`, secretStatus);
    }
    router.add('GET', `${p}${g}/secret/:id`, showSecret(guest));
    router.add('POST', `${p}${g}/secret/:id/reveal`, reveal(guest));
    const receiptPrefixes = guest ? ['receipt'] : ['receipt', 'private'];
    for (const prefix of receiptPrefixes) {
      if (!guest) router.add('GET', `${p}/${prefix}/recent`, recent);
      router.add('GET', `${p}${g}/${prefix}/:id`, showReceipt(guest));
      router.add('POST', `${p}${g}/${prefix}/:id/burn`, burn(guest));
    }
  }
}
