// One HTTP request through undici's dispatch API, with a deadline and the caller's signal, and the OtsError of one
// that got no usable answer. dispatch() instead of request(): request() wants an AbortSignal, whose listeners cost
// more per call than everything else the client does; here the deadline timer aborts the request through undici's
// own controller.
import type { Dispatcher } from 'undici';
import { OtsAbortError, OtsNetworkError, OtsTimeoutError } from '../errors/kinds.ts';
import type { CallContext } from '../errors/ots-error.ts';
import { quoteExternal } from '../errors/redact.ts';

/** OTS answers are small; a bigger one is not OTS, and is not buffered without bound. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RawAnswer {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** Why a request ended without an answer; `error` is the low-level error, when there was one. */
export interface Interrupted {
  reason: 'timeout' | 'aborted' | 'failed';
  error?: unknown;
}

/** Resolves with the answer, whatever its status; rejects with an Interrupted. */
export function dispatchOnce(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: ResponseHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (outcome: RawAnswer | Interrupted): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if ('status' in outcome) resolve(outcome);
      else reject(outcome);
      // Before the request reached a socket there is no controller yet; onRequestStart aborts it then.
      if ('reason' in outcome && outcome.reason !== 'failed') controller?.abort(new Error(outcome.reason));
    };
    const onAbort = (): void => finish({ reason: 'aborted', error: signal?.reason });
    const timer = setTimeout(() => finish({ reason: 'timeout' }), timeoutMs);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new Error('ended before the request started'));
      },
      onResponseStart(_, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders;
      },
      onResponseData(_, chunk) {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          finish({ reason: 'failed', error: new Error(`the answer exceeded ${MAX_ANSWER_BYTES} bytes`) });
          controller?.abort(new Error('answer too large'));
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        finish({ status, headers, text: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_, error) {
        finish({ reason: 'failed', error });
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      finish({ reason: 'failed', error });
    }
  });
}

/** Failures before a byte of the request left this machine: the host name did not resolve, or nothing listened. */
export const NOT_SENT: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED']);

/**
 * A request that got no usable answer → timeout, aborted or network error. undici errors can reference the request
 * options (headers with Authorization, bodies with the secret), so only their code and a redacted message are kept,
 * on a fresh Error used as `cause`.
 */
export function errorFromTransport({ reason, error }: Interrupted, call: CallContext, timeoutMs: number) {
  const { operation, method, path } = call;
  // A deadline or an abort has no low-level error worth keeping; a failed connection does.
  const cause = error === undefined ? undefined : safeCause(error, call);
  const details = { method, path, cause };
  const where = `OTS ${operation} (${method} ${path})`;
  // A write that was cut short may still have been carried out by the server; one that never left was not.
  const unsure =
    cause?.code !== undefined && NOT_SENT.has(cause.code)
      ? ''
      : operation === 'share' || operation === 'generate'
        ? ' The secret may have been created anyway; check the recent receipts before sharing again.'
        : operation === 'reveal' || operation === 'burn'
          ? ` The server may have completed the ${operation} anyway.`
          : '';
  if (reason === 'aborted') return new OtsAbortError(`${where}: aborted by the caller.${unsure}`, details);
  if (reason === 'timeout') {
    return new OtsTimeoutError(`${where}: no complete answer within ${timeoutMs} ms.${unsure}`, details);
  }
  const code = cause?.code === undefined ? '' : ` [${cause.code}]`;
  const message = (cause?.message ?? 'no details').replace(/\.$/, '');
  return new OtsNetworkError(`${where}: the connection failed${code}: ${message}.${unsure}`, details);
}

function safeCause(error: unknown, call: CallContext) {
  const top = error as { message?: unknown } | null;
  const message = typeof top?.message === 'string' && top.message !== '' ? top.message : 'unknown error';
  // fetch-style errors wrap the socket error in `cause`, so a code is looked for down the chain.
  const cause: Error & { code?: string } = new Error(quoteExternal(message, call.sensitive));
  for (let e = error as Chain | null | undefined, depth = 0; e != null && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string') cause.code ??= e.code;
  }
  // Its stack would only point into undici; the OtsError carries the caller's stack.
  cause.stack = `${cause.name}: ${cause.message}`;
  return cause;
}

type Chain = { code?: unknown; cause?: Chain | null };
