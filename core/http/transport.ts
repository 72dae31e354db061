// Sends one API request and returns the raw answer. Owns the connection pool, the call's deadline and the retry
// policy. Callers get an answer with any HTTP status, or an OtsError when no answer arrived.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { CallContext } from '../errors/call-context.ts';
import { errorFromTransport } from '../errors/from-transport.ts';
import { OtsAbortError, OtsInputError } from '../errors/kinds.ts';
import type { WireRequest } from '../wire/api.ts';
import { dispatchOnce, Interrupted, type RawAnswer } from './dispatch-once.ts';
import { createDispatcher, type Env } from './dispatcher.ts';
import { header } from './headers.ts';
import { retriableFailure, retriableStatus, retryDelayMs } from './retry.ts';
import { checkTimeoutMs } from './timeout.ts';

export interface TransportOptions {
  origin: string;
  prefix: string;
  timeoutMs: number;
  maxRetries: number;
  userAgent: string;
  /** The full Authorization header value, or undefined for anonymous use. */
  authorization?: string | undefined;
  dispatcher?: Dispatcher | undefined;
  env: Env;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** The deadline of the whole call, retries and the waits between them included. */
  timeoutMs?: number;
}

/** A call's limits, fixed when it begins: every request it sends shares one deadline. */
export interface SendOptions {
  signal?: AbortSignal | undefined;
  timeoutMs: number;
  /** performance.now() by which the call must have its answer. */
  deadline: number;
}

type Headers = Record<string, string>;

export class Transport {
  readonly #origin: string;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  #dispatcher: Dispatcher;
  readonly #owned: boolean;
  readonly #env: Env;
  /** A request was abandoned at its deadline or by an abort; undici may still hold a socket for it. */
  #abandoned = false;
  #closing: Promise<void> | undefined;
  /** Calls not yet settled; each ends by its own deadline, so close() can wait for them without waiting long. */
  readonly #inFlight = new Set<Promise<unknown>>();
  // Built once: the hot path only picks one.
  readonly #plain: Headers;
  readonly #form: Headers;
  readonly #json: Headers;

  constructor(options: TransportOptions) {
    this.#origin = options.origin;
    this.#prefix = options.prefix;
    this.#timeoutMs = options.timeoutMs;
    this.#maxRetries = options.maxRetries;
    this.#owned = options.dispatcher === undefined;
    this.#env = options.env;
    this.#dispatcher = options.dispatcher ?? createDispatcher(options.origin, options.env, options.timeoutMs);
    const plain: Headers = { 'user-agent': options.userAgent, accept: 'application/json' };
    if (options.authorization !== undefined) plain.authorization = options.authorization;
    this.#plain = plain;
    this.#form = { ...plain, 'content-type': 'application/x-www-form-urlencoded' };
    this.#json = { ...plain, 'content-type': 'application/json' };
  }

  /** Checks a call's options and starts its deadline. */
  begin(options: CallOptions): SendOptions {
    const timeoutMs = checkTimeoutMs(options.timeoutMs, this.#timeoutMs);
    return { signal: options.signal, timeoutMs, deadline: performance.now() + timeoutMs };
  }

  send(request: WireRequest, call: CallContext, options: SendOptions): Promise<RawAnswer> {
    const sending = this.#send(request, call, options);
    this.#inFlight.add(sending);
    const forget = (): void => {
      this.#inFlight.delete(sending);
      if (this.#abandoned && this.#inFlight.size === 0) this.#replaceAbandonedPool();
    };
    sending.then(forget, forget);
    return sending;
  }

  async #send(request: WireRequest, call: CallContext, options: SendOptions): Promise<RawAnswer> {
    // Never repeat a request that may have created, revealed or burned something: a lost answer does not mean
    // nothing happened. retry.ts says which failures prove that nothing did. Retries and the waits between them
    // fit in the call's one deadline: a retry that could not finish in time is not started.
    const attempts = this.#maxRetries + 1;
    const remaining = (): number => options.deadline - performance.now();
    for (let attempt = 1; ; attempt++) {
      let answer: RawAnswer;
      try {
        answer = await this.#once(request, call, options);
      } catch (error) {
        if (attempt >= attempts || !retriableFailure(error, request.idempotent)) throw error;
        const delay = retryDelayMs(attempt) ?? 0;
        if (delay >= remaining()) throw error;
        await this.#wait(delay, call, options.signal);
        continue;
      }
      if (attempt < attempts && retriableStatus(answer.status, request.idempotent)) {
        const delay = retryDelayMs(attempt, header(answer.headers, 'retry-after'), remaining());
        if (delay !== undefined && delay < remaining()) {
          await this.#wait(delay, call, options.signal);
          continue;
        }
      }
      return answer;
    }
  }

  async #once(request: WireRequest, call: CallContext, options: SendOptions): Promise<RawAnswer> {
    if (this.#closing !== undefined) {
      throw new OtsInputError(`OTS ${call.operation}: this OtsClient was closed; create a new one.`);
    }
    const caller = options.signal;
    const { timeoutMs } = options;
    if (caller?.aborted) {
      throw errorFromTransport(caller.reason, call, { callerAborted: true, timedOut: false, timeoutMs });
    }
    const left = Math.ceil(options.deadline - performance.now());
    if (left <= 0)
      throw errorFromTransport(undefined, call, { callerAborted: false, timedOut: true, timeoutMs });
    try {
      return await dispatchOnce(
        this.#dispatcher,
        {
          origin: this.#origin,
          path: this.#prefix + request.path,
          method: request.method,
          headers:
            request.contentType === 'json'
              ? this.#json
              : request.contentType === 'form'
                ? this.#form
                : this.#plain,
          body: request.body ?? null,
        },
        left,
        caller,
      );
    } catch (error) {
      const interrupted = error instanceof Interrupted ? error : new Interrupted('failed', error);
      if (interrupted.reason !== 'failed') this.#abandoned = true;
      throw errorFromTransport(interrupted.error, call, {
        callerAborted: interrupted.reason === 'aborted',
        timedOut: interrupted.reason === 'timeout',
        timeoutMs,
      });
    }
  }

  async #wait(ms: number, call: CallContext, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, undefined, signal === undefined ? undefined : { signal });
    } catch {
      throw new OtsAbortError(
        `OTS ${call.operation} (${call.method} ${call.path}): aborted by the caller while waiting to retry.`,
        {
          method: call.method,
          path: call.path,
        },
      );
    }
  }

  /**
   * Lets the calls in flight end (each by its deadline), then destroys the pool rather than draining it: undici's
   * close() waits for every queued request, and one abandoned at its deadline while connecting, in a proxy CONNECT
   * or a TLS handshake has no controller to abort yet, so close() would wait for undici's own 10 s connect or
   * 300 s headers timeout. Nothing is left that a caller waits for, so destroying loses nothing.
   */
  close(): Promise<void> {
    this.#closing ??= this.#owned ? this.#destroyWhenSettled() : Promise.resolve();
    return this.#closing;
  }

  /**
   * A request abandoned while connecting, in a proxy CONNECT or a TLS handshake has no controller to abort, and its
   * socket would keep the process alive until undici's own 10 s connect or 300 s headers timeout even without a
   * close(). Once no call is in flight, the owned pool is destroyed and the next call gets a fresh one.
   */
  #replaceAbandonedPool(): void {
    this.#abandoned = false;
    if (!this.#owned || this.#closing !== undefined) return;
    const abandoned = this.#dispatcher;
    this.#dispatcher = createDispatcher(this.#origin, this.#env, this.#timeoutMs);
    abandoned.destroy().catch(() => {});
  }

  async #destroyWhenSettled(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    await this.#dispatcher.destroy();
  }
}
