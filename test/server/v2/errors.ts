import { randomUUID } from 'node:crypto';
import type { Caller } from '../accounts.ts';
import { jsonReply, type Reply } from '../http/reply.ts';
import { type ServerState, shrimpOf } from '../state.ts';

// v2 uses real status codes. v0.23: {"message"} (+ shrimp and success:false on form errors);
// main: {error, error_type, field?} with a request_id, per its Otto error handlers.

function current(state: ServerState): boolean {
  return state.era.name === 'current';
}

export function notAuthorized(state: ServerState): Reply {
  return current(state)
    ? jsonReply(401, { error: 'Not authorized', error_type: 'Unauthorized', request_id: randomUUID() })
    : jsonReply(403, { message: 'Not authorized' });
}

export function formError(state: ServerState, caller: Caller, message: string, field?: string): Reply {
  return current(state)
    ? jsonReply(422, {
        error: message,
        error_type: 'FormError',
        ...(field ? { field } : {}),
        request_id: randomUUID(),
      })
    : jsonReply(422, { shrimp: shrimpOf(caller), message, success: false });
}

export function notFound(state: ServerState, key: string): Reply {
  return current(state)
    ? jsonReply(404, { error: 'Unknown secret', error_type: 'NotFound', request_id: randomUUID() })
    : jsonReply(404, { secret_key: key, message: 'Unknown secret' });
}

export function rateLimited(state: ServerState, retryAfter: number): Reply {
  return current(state)
    ? jsonReply(
        429,
        {
          error: 'Too many attempts. Please try again later.',
          error_type: 'RateLimited',
          retry_after: retryAfter,
        },
        { 'Retry-After': String(retryAfter) },
      )
    : jsonReply(429, { message: 'Cripes! You have been rate limited.', success: false });
}

export function unexpectedError(state: ServerState, caller: Caller): Reply {
  return current(state)
    ? jsonReply(500, {
        error: 'An unexpected error occurred',
        error_type: 'ServerError',
        request_id: randomUUID(),
      })
    : jsonReply(500, {
        shrimp: shrimpOf(caller),
        message: 'An unexpected error occurred :[',
        success: false,
      });
}
