import type { Caller } from '../accounts.ts';
import { jsonReply, type Reply } from '../http/reply.ts';
import { PassphraseLockout } from '../rate-limit.ts';
import { type ServerState, shrimpOf } from '../state.ts';

// v2 uses real status codes. v0.23: {"message"} (+ shrimp and success:false on form errors);
// main: its error classes' to_h, {error, error_type, field?, …} with empty parts left out.

function current(state: ServerState): boolean {
  return state.era.name === 'current';
}

const AUTH_MESSAGES = {
  AUTH_HEADER_MISSING: 'No authorization header',
  AUTH_TYPE_INVALID: 'Invalid authorization type',
  CREDENTIALS_INVALID: 'Invalid credentials',
} as const;

/**
 * main: its router's auth wrapper answers before any logic runs, so no error_type or request_id,
 * and the reason in brackets: no header, not Basic, or credentials that match no account.
 */
export function notAuthorized(state: ServerState, caller: Caller): Reply {
  if (!current(state)) return jsonReply(403, { message: 'Not authorized' });
  const code = caller.kind === 'invalid' ? caller.reason : 'AUTH_HEADER_MISSING';
  return jsonReply(401, {
    error: 'Authentication Required',
    message: `[${code}] ${AUTH_MESSAGES[code]}`,
    timestamp: state.clock.now(),
  });
}

/** main's logic raises Onetime::Unauthorized (401, with request_id), e.g. anonymous e-mail sending. */
export function logicUnauthorized(message: string): Reply {
  return logicError(jsonReply(401, { error: message, error_type: 'Unauthorized' }));
}

function logicError(reply: Reply): Reply {
  return { ...reply, requestId: true };
}

export interface FormErrorDetails {
  field?: string | undefined;
  errorType?: string | undefined;
}

export function formError(
  state: ServerState,
  caller: Caller,
  message: string,
  details: FormErrorDetails = {},
): Reply {
  if (!current(state)) return jsonReply(422, { shrimp: shrimpOf(caller), message, success: false });
  return logicError(
    jsonReply(422, {
      error: message,
      ...(details.errorType ? { error_type: details.errorType } : {}),
      ...(details.field ? { field: details.field } : {}),
    }),
  );
}

/** main raises MissingSecret without a message, so only its type is left in the body. */
export function notFound(state: ServerState, key: string): Reply {
  return current(state)
    ? logicError(jsonReply(404, { error_type: 'RecordNotFound' }))
    : jsonReply(404, { secret_key: key, message: 'Unknown secret' });
}

/** main's receipt lookup names what it did not find. */
export function receiptNotFound(state: ServerState, key: string): Reply {
  return current(state)
    ? logicError(jsonReply(404, { error: `identifier: ${key}`, error_type: 'RecordNotFound' }))
    : notFound(state, key);
}

export function rateLimited(state: ServerState, retryAfter: number): Reply {
  if (!current(state))
    return jsonReply(429, { message: 'Cripes! You have been rate limited.', success: false });
  return logicError(
    jsonReply(
      429,
      {
        error: 'Too many incorrect passphrase attempts. Please try again later.',
        error_type: 'LimitExceeded',
        retry_after: retryAfter,
        max_attempts: PassphraseLockout.PER_CLIENT,
      },
      { 'Retry-After': String(retryAfter) },
    ),
  );
}

export function unexpectedError(state: ServerState, caller: Caller): Reply {
  return current(state)
    ? logicError(jsonReply(500, { error: 'An unexpected error occurred', error_type: 'ServerError' }))
    : jsonReply(500, {
        shrimp: shrimpOf(caller),
        message: 'An unexpected error occurred :[',
        success: false,
      });
}
