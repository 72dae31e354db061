import type { Caller } from '../accounts.ts';
import { jsonReply, type Reply } from '../http/reply.ts';
import { type ServerState, shrimpOf } from '../state.ts';

// Every v1 error is a 404 with {"message"}; v0.23 adds the CSRF "shrimp" to form errors, main adds
// X-OTS-Intended-Status (401 auth, 400 validation/rate limit/unexpected, none for unknown secrets).

function intended(state: ServerState, status: number): Record<string, string> | undefined {
  return state.era.name === 'current' ? { 'X-OTS-Intended-Status': String(status) } : undefined;
}

export function notAuthorized(state: ServerState): Reply {
  return jsonReply(404, { message: 'Not authorized' }, intended(state, 401));
}

export function formError(state: ServerState, caller: Caller, message: string): Reply {
  const body = state.era.name === 'v0.23' ? { shrimp: shrimpOf(caller), message } : { message };
  return jsonReply(404, body, intended(state, 400));
}

export function unknownSecret(key: string): Reply {
  return jsonReply(404, { secret_key: key, message: 'Unknown secret' });
}

export function rateLimited(state: ServerState): Reply {
  // main's v1 does not handle the passphrase lockout explicitly; it ends in the generic error.
  return state.era.name === 'v0.23'
    ? jsonReply(404, { message: 'Cripes! You have been rate limited.' })
    : jsonReply(404, { message: 'An unexpected error occurred :[' }, intended(state, 400));
}

export function unexpectedError(state: ServerState, caller: Caller): Reply {
  return formError(state, caller, 'An unexpected error occurred :[');
}
