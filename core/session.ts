// One API exchange: pick the API version ('auto' tries v2 and settles on v1 when v2 is not routed), send through
// the transport, and turn the answer into a domain value or the OtsError it means.
import { Call } from './call.ts';
import { errorFromResponse, isUnrouted, type Operation } from './errors/from-response.ts';
import { OtsServerError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import type { Answer, CallOptions, Transport } from './http/transport.ts';
import type { WireApi, WireRequest } from './wire/api.ts';
import { obj, str } from './wire/read.ts';
import { v1 } from './wire/v1.ts';
import { v2 } from './wire/v2.ts';

export interface Exchange<T> {
  operation: Operation;
  build: (api: WireApi) => WireRequest;
  /** Reads a 2xx body; may throw an OtsError that names the call. */
  read: (api: WireApi, body: unknown, call: Call) => T;
  /** Values of this call that must never appear in an error (secret, passphrase). */
  sensitive: Array<string | undefined>;
  key?: string;
}

export class ApiSession {
  readonly #transport: Transport;
  readonly #credentials: ReadonlyArray<string | undefined>;
  /** The API version in use; undefined while 'auto' has not yet had an answer from OTS. */
  #api: WireApi | undefined;

  constructor(
    transport: Transport,
    apiVersion: 'v1' | 'v2' | 'auto',
    credentials: ReadonlyArray<string | undefined>,
  ) {
    this.#transport = transport;
    this.#credentials = credentials;
    this.#api = apiVersion === 'v1' ? v1 : apiVersion === 'v2' ? v2 : undefined;
  }

  get api(): WireApi | undefined {
    return this.#api;
  }

  #call<T>(api: WireApi, exchange: Exchange<T>): Call {
    return new Call(
      exchange.operation,
      exchange.build(api),
      exchange.sensitive,
      this.#credentials,
      exchange.key,
    );
  }

  async exchange<T>(exchange: Exchange<T>, options: CallOptions): Promise<T> {
    let api = this.#api ?? v2;
    const call = this.#call(api, exchange);
    let answer = await this.#transport.send(call.request, call, options);
    let body = parse(answer);
    if (this.#api === undefined && api === v2 && isUnrouted(answer.status, body)) {
      // An unrouted request did nothing on the server, so repeating it over v1 is safe even for writes.
      api = v1;
      call.request = exchange.build(api);
      answer = await this.#transport.send(call.request, call, options);
      body = parse(answer);
      if (isOtsAnswer(answer.status, body)) this.#api = v1;
    } else if (this.#api === undefined && isOtsAnswer(answer.status, body)) {
      this.#api = api;
    }
    return this.#finish(api, answer, body, call, exchange);
  }

  /**
   * One exchange over exactly this API version, whatever 'auto' has settled on. Resolves to undefined when the
   * server does not serve that endpoint to this caller: then nothing was done, so the caller may take another way.
   */
  async exchangeOver<T>(api: WireApi, exchange: Exchange<T>, options: CallOptions): Promise<T | undefined> {
    const call = this.#call(api, exchange);
    const answer = await this.#transport.send(call.request, call, options);
    const body = parse(answer);
    if (isNotServed(answer.status, body)) return undefined;
    return this.#finish(api, answer, body, call, exchange);
  }

  #finish<T>(api: WireApi, answer: Answer, body: unknown, call: Call, exchange: Exchange<T>): T {
    if (answer.status < 200 || answer.status >= 300 || body === undefined) {
      throw errorFromResponse(api.version, { ...answer, body }, call);
    }
    try {
      return exchange.read(api, body, call);
    } catch (error) {
      // Wire readers do not know the call; say which one could not be read. Anything else a reader throws on an
      // answer of unexpected shape is a server_error too, never an untyped crash (its text is not repeated).
      if (isOtsError(error) && (!(error instanceof OtsServerError) || error.path !== undefined)) throw error;
      const what = isOtsError(error)
        ? error.message
        : "the server's answer is not in a format this client understands: a field has an unexpected type.";
      throw new OtsServerError(
        `OTS ${call.operation} (${call.method} ${call.path} → HTTP ${answer.status}): ${what}`,
        {
          status: answer.status,
          method: call.method,
          path: call.path,
        },
      );
    }
  }
}

/**
 * The endpoint is not there for this caller: unrouted (404 {"error":"Not Found"}), or API v1 closed to requests with
 * credentials on servers without accounts (404 {"message":"/api/v1/… is not available"}). Both are answered before
 * any handler runs, so nothing was created.
 */
function isNotServed(status: number, body: unknown): boolean {
  if (isUnrouted(status, body)) return true;
  const json = obj(body);
  const message = json === undefined ? undefined : str(json.message);
  return status === 404 && message !== undefined && /\/api\/v1\/\S* is not available$/.test(message);
}

/** A JSON answer from a routed endpoint (success or OTS error) proves the version is served; a proxy page does not. */
function isOtsAnswer(status: number, body: unknown): boolean {
  return typeof body === 'object' && body !== null && !isUnrouted(status, body);
}

function parse(answer: Answer): unknown {
  if (answer.text === '') return undefined;
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}
