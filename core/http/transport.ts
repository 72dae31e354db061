// Sends one API request and returns the raw answer. Owns the connection pool, the call's deadline and the retry
// policy. Callers get an answer with any HTTP status, or an OtsError when no answer arrived.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { OtsAbortError, OtsInputError } from '../errors/kinds.ts';
import { type CallContext, isOtsError, type OtsError } from '../errors/ots-error.ts';
import type { WireRequest } from '../wire/api.ts';
import {
  dispatchOnce,
  errorFromTransport,
  type Interrupted,
  NOT_SENT,
  type RawAnswer,
  type ResponseHeaders,
} from './dispatch-once.ts';
import { createDispatcher, type Env } from './dispatcher.ts';
import { checkSignal, checkTimeoutMs } from './timeout.ts';

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
export type SendOptions = ReturnType<Transport['begin']>;

export function header(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

// When a request is tried again: an idempotent read after any transient failure; a write (create, reveal, burn)
// only when the server provably did nothing: it answered 429, or no byte of the request was sent (the host name
// did not resolve, or the connection was refused). Anything else may have acted, so a write is never repeated then.

/** Statuses worth another try: rate limited, or a gateway between us and OTS failed. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** A longer Retry-After is the caller's decision: the error carries it as retryAfter. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** How long to wait before sending the request again, or undefined when it must not be sent again. */
function retryDelay(outcome: RawAnswer | OtsError, idempotent: boolean, attempt: number, limitMs: number) {
  if (isOtsError(outcome)) {
    const { code, cause } = outcome;
    const notSent =
      code === 'network' && NOT_SENT.has(String((cause as { code?: unknown } | undefined)?.code));
    const retriable = idempotent ? code === 'network' || code === 'timeout' : notSent;
    return retriable ? retryDelayMs(attempt) : undefined;
  }
  // 429 (OTS's limiter, or a proxy in front of it) refuses before anything is done. v1's rate limit is a 404
  // ("Cripes! You have been rate limited.") that may come after the work was done, so it never qualifies.
  const retriable = idempotent ? RETRY_STATUSES.has(outcome.status) : outcome.status === 429;
  return retriable ? retryDelayMs(attempt, header(outcome.headers, 'retry-after'), limitMs) : undefined;
}

/** Exponential backoff with jitter, or the server's Retry-After when it fits MAX_RETRY_AFTER_MS and `limitMs`. */
export function retryDelayMs(attempt: number, retryAfterHeader?: string, limitMs = MAX_RETRY_AFTER_MS) {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  if (retryAfter !== undefined) {
    return retryAfter * 1000 > Math.min(MAX_RETRY_AFTER_MS, limitMs) ? undefined : retryAfter * 1000;
  }
  const ceiling = Math.min(5_000, 200 * 2 ** (attempt - 1));
  // Jitter spreads the retries of many clients that failed together.
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

export class Transport {
  readonly #options: TransportOptions;
  #dispatcher: Dispatcher;
  readonly #owned: boolean;
  /** A request was abandoned at its deadline or by an abort; undici may still hold a socket for it. */
  #abandoned = false;
  #closing: Promise<void> | undefined;
  /** Calls not yet settled; each ends by its own deadline, so close() can wait for them without waiting long. */
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Request headers by content type, built once: the hot path only picks one. */
  readonly #headers: Record<NonNullable<WireRequest['contentType']> | 'none', Record<string, string>>;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#owned = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createDispatcher(options.origin, options.env, options.timeoutMs);
    const none: Record<string, string> = { 'user-agent': options.userAgent, accept: 'application/json' };
    if (options.authorization !== undefined) none.authorization = options.authorization;
    this.#headers = {
      none,
      form: { ...none, 'content-type': 'application/x-www-form-urlencoded' },
      json: { ...none, 'content-type': 'application/json' },
    };
  }

  /** Checks a call's options and starts its deadline: the performance.now() by which it must have its answer. */
  begin(options: CallOptions) {
    const timeoutMs = checkTimeoutMs(options.timeoutMs, this.#options.timeoutMs);
    return { signal: checkSignal(options.signal), timeoutMs, deadline: performance.now() + timeoutMs };
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
    // Retries and the waits between them share the call's one deadline: a wait that would outlast it is not begun.
    const remaining = (): number => options.deadline - performance.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#once(request, call, options).catch((error: OtsError) => error);
      const retry = attempt <= this.#options.maxRetries;
      const delay = retry ? retryDelay(outcome, request.idempotent, attempt, remaining()) : undefined;
      if (delay === undefined || delay >= remaining()) {
        if (isOtsError(outcome)) throw outcome;
        return outcome;
      }
      await sleep(delay, undefined, { signal: options.signal }).catch(() => {
        const { operation, method, path } = call;
        const where = `OTS ${operation} (${method} ${path})`;
        throw new OtsAbortError(`${where}: aborted by the caller while waiting to retry.`, { method, path });
      });
    }
  }

  async #once(request: WireRequest, call: CallContext, { signal, timeoutMs, deadline }: SendOptions) {
    if (this.#closing !== undefined) {
      throw new OtsInputError(`OTS ${call.operation}: this OtsClient was closed; create a new one.`);
    }
    if (signal?.aborted)
      throw errorFromTransport({ reason: 'aborted', error: signal.reason }, call, timeoutMs);
    const left = Math.ceil(deadline - performance.now());
    if (left <= 0) throw errorFromTransport({ reason: 'timeout' }, call, timeoutMs);
    const { origin, prefix } = this.#options;
    const path = prefix + request.path;
    const headers = this.#headers[request.contentType ?? 'none'];
    const options = { origin, path, method: request.method, headers, body: request.body ?? null };
    try {
      return await dispatchOnce(this.#dispatcher, options, left, signal);
    } catch (error) {
      // dispatchOnce rejects with a plain Interrupted; an Error was thrown before undici had the request.
      const interrupted: Interrupted =
        error instanceof Error ? { reason: 'failed', error } : (error as Interrupted);
      if (interrupted.reason !== 'failed') this.#abandoned = true;
      throw errorFromTransport(interrupted, call, timeoutMs);
    }
  }

  /**
   * Lets the calls in flight end (each by its deadline), then destroys the pool rather than draining it: undici's
   * close() waits for every queued request, and one abandoned at its deadline while connecting, in a proxy CONNECT
   * or a TLS handshake has no controller to abort yet, so close() would wait for undici's own 10 s connect or
   * 300 s headers timeout. Nothing is left that a caller waits for, so destroying loses nothing.
   */
  close(): Promise<void> {
    const destroy = () => this.#dispatcher.destroy();
    this.#closing ??= this.#owned ? Promise.allSettled([...this.#inFlight]).then(destroy) : Promise.resolve();
    return this.#closing;
  }

  /**
   * Such an abandoned request's socket would keep the process alive for those undici timeouts even without a
   * close(). Once no call is in flight, the owned pool is destroyed and the next call gets a fresh one.
   */
  #replaceAbandonedPool(): void {
    this.#abandoned = false;
    if (!this.#owned || this.#closing !== undefined) return;
    const abandoned = this.#dispatcher;
    const { origin, env, timeoutMs } = this.#options;
    this.#dispatcher = createDispatcher(origin, env, timeoutMs);
    abandoned.destroy().catch(() => {});
  }
}
