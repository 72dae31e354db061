// One HTTP request through undici's dispatch API, with a deadline and the caller's signal.
// dispatch() instead of request(): request() wants an AbortSignal, whose listeners cost more per call than
// everything else the client does; here the deadline timer aborts the request through undici's own controller.
import type { Dispatcher } from 'undici';
import type { ResponseHeaders } from './headers.ts';

/** OTS answers are small; a bigger one is not OTS, and is not buffered without bound. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export interface RawAnswer {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** Why a request ended without an answer; `error` is the low-level error, when there was one. */
export class Interrupted extends Error {
  readonly reason: 'timeout' | 'aborted' | 'failed';
  readonly error: unknown;
  constructor(reason: 'timeout' | 'aborted' | 'failed', error: unknown) {
    super(reason);
    this.reason = reason;
    this.error = error;
  }
}

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
    let headers: RawAnswer['headers'] = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (outcome: RawAnswer | Interrupted): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (outcome instanceof Interrupted) {
        // Before the request reached a socket there is no controller yet; onRequestStart aborts it then.
        if (outcome.reason !== 'failed') controller?.abort(new Error(outcome.reason));
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    const onAbort = (): void => finish(new Interrupted('aborted', signal?.reason));
    const timer = setTimeout(() => finish(new Interrupted('timeout', undefined)), timeoutMs);
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
          finish(new Interrupted('failed', new Error(`the answer exceeded ${MAX_ANSWER_BYTES} bytes`)));
          controller?.abort(new Error('answer too large'));
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        finish({ status, headers, text: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_, error) {
        finish(new Interrupted('failed', error));
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      finish(new Interrupted('failed', error));
    }
  });
}
