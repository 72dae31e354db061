// A request that got no usable answer → timeout, aborted or network error.
// undici errors can reference the request options (headers with Authorization, bodies with the secret), so only
// their code and a redacted message are kept, on a fresh Error used as `cause`.

import type { CallContext } from './call-context.ts';
import { OtsAbortError, OtsNetworkError, OtsTimeoutError } from './kinds.ts';
import type { OtsError, OtsErrorDetails } from './ots-error.ts';
import { quoteExternal } from './redact.ts';

export interface AbortState {
  callerAborted: boolean;
  timedOut: boolean;
  timeoutMs: number;
}

export function errorFromTransport(error: unknown, call: CallContext, state: AbortState): OtsError {
  const details: OtsErrorDetails = { method: call.method, path: call.path };
  // A deadline or an abort has no low-level error worth keeping; a failed connection does.
  if (error !== undefined) details.cause = safeCause(error, call);
  const where = `OTS ${call.operation} (${call.method} ${call.path})`;
  // A write that was cut short may still have been carried out by the server; one refused at connect was not.
  const refused = (details.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
  const unsure = refused
    ? ''
    : call.operation === 'share' || call.operation === 'generate'
      ? ' The secret may have been created anyway; check the recent receipts before sharing again.'
      : call.operation === 'reveal' || call.operation === 'burn'
        ? ` The server may have completed the ${call.operation} anyway.`
        : '';
  if (state.callerAborted) return new OtsAbortError(`${where}: aborted by the caller.${unsure}`, details);
  if (state.timedOut) {
    return new OtsTimeoutError(
      `${where}: no complete answer within ${state.timeoutMs} ms.${unsure}`,
      details,
    );
  }
  const cause = (details.cause ?? new Error('no details')) as Error & { code?: string };
  const code = cause.code === undefined ? '' : ` [${cause.code}]`;
  return new OtsNetworkError(
    `${where}: the connection failed${code}: ${cause.message.replace(/\.$/, '')}.${unsure}`,
    details,
  );
}

function safeCause(error: unknown, call: CallContext): Error {
  let code: string | undefined;
  let message = 'unknown error';
  // fetch-style errors wrap the socket error in `cause`; prefer the most specific code.
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    const candidate = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && code === undefined) code = candidate.code;
    if (typeof candidate.message === 'string' && candidate.message !== '' && depth === 0)
      message = candidate.message;
    e = candidate.cause;
  }
  const cause = new Error(quoteExternal(message, call.sensitive)) as Error & { code?: string };
  if (code !== undefined) cause.code = code;
  // Its stack would only point into undici; the OtsError carries the caller's stack.
  cause.stack = `${cause.name}: ${cause.message}`;
  return cause;
}
