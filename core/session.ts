// Runs one operation by name from the wire table of the API version in use ('auto' tries v2 and settles on v1
// when v2 is not routed), sends it through the transport, and turns the answer into a domain value or its OtsError.
import { OtsServerError } from './errors/kinds.ts';
import { type CallContext, isOtsError, type Operation, type Sensitive } from './errors/ots-error.ts';
import { shortenKey } from './errors/redact.ts';
import type { RawAnswer } from './http/dispatch-once.ts';
import type { CallOptions, SendOptions, Transport } from './http/transport.ts';
import type { CreateInput, InputOf, KeyInput, OperationName, OutputOf, WireApi } from './wire/api.ts';
import { errorFromResponse, isNotServed, isOtsAnswer, isUnrouted } from './wire/error-answer.ts';
import { unexpected } from './wire/unexpected.ts';
import { v1 } from './wire/v1.ts';
import { v2 } from './wire/v2.ts';

interface Sent<N extends OperationName> {
  api: WireApi;
  name: N;
  answer: RawAnswer;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  call: CallContext;
}

export class ApiSession {
  readonly #transport: Transport;
  readonly #credentials: Sensitive;
  /** The API version in use; undefined while 'auto' has not yet had an answer from OTS. */
  #api: WireApi | undefined;

  constructor(transport: Transport, apiVersion: 'v1' | 'v2' | 'auto', credentials: Sensitive) {
    this.#transport = transport;
    this.#credentials = credentials;
    this.#api = apiVersion === 'v1' ? v1 : apiVersion === 'v2' ? v2 : undefined;
  }

  get api(): WireApi | undefined {
    return this.#api;
  }

  /**
   * Runs `name` over the API version in use. `as` names the call in errors when it is not the operation sent
   * (a password generated on this machine is shared, but the caller asked to generate).
   */
  async run<N extends OperationName>(name: N, input: InputOf<N>, options: CallOptions, as?: Operation) {
    const send = this.#transport.begin(options);
    let sent = await this.#send(this.#api ?? v2, name, input, send, as);
    // Decided on what this call sent, not on what 'auto' says now: another call may have settled on v1 while this
    // one's v2 request was in flight. An unrouted request did nothing, so repeating it over v1 is safe for writes.
    if (sent.api === v2 && this.#api !== v2 && isUnrouted(sent.answer.status, sent.body)) {
      sent = await this.#send(v1, name, input, send, as);
    }
    if (this.#api === undefined && isOtsAnswer(sent.answer.status, sent.body)) this.#api = sent.api;
    return read(sent);
  }

  /**
   * Runs `name` over exactly this API version, whatever 'auto' has settled on. Resolves to undefined when the
   * server does not serve that endpoint to this caller: then nothing was done, so the caller may take another way.
   */
  async runOver<N extends OperationName>(api: WireApi, name: N, input: InputOf<N>, options: CallOptions) {
    const sent = await this.#send(api, name, input, this.#transport.begin(options));
    return isNotServed(sent.answer.status, sent.body) ? undefined : read(sent);
  }

  async #send<N extends OperationName>(
    api: WireApi,
    name: N,
    input: InputOf<N>,
    send: SendOptions,
    as?: Operation,
  ): Promise<Sent<N>> {
    // The client only asks for an optional operation (serverVersion) after checking the version has it.
    const request = (api[name] as NonNullable<WireApi[N]>).request(input as never);
    // Only what an error may print: the key shortened, and every value that must be cut out of a message.
    const { key, secret, passphrase } = (input ?? {}) as Partial<KeyInput & CreateInput>;
    const call: CallContext = {
      operation: as ?? (name === 'serverVersion' ? 'status' : (name as Operation)),
      method: request.method,
      path: key === undefined ? request.path : request.path.replace(key, shortenKey(key)),
      key,
      sensitive: [secret, passphrase, ...this.#credentials],
    };
    const answer = await this.#transport.send(request, call, send);
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      // Not JSON (an empty body included): body stays undefined, and read() reports the answer by its status.
    }
    return { api, name, answer, body, call };
  }
}

function read<N extends OperationName>({ api, name, answer, body, call }: Sent<N>) {
  if (answer.status < 200 || answer.status >= 300 || body === undefined) {
    throw errorFromResponse(api.version, { ...answer, body }, call);
  }
  try {
    return (api[name] as NonNullable<WireApi[N]>).read(body) as OutputOf<N>;
  } catch (error) {
    // Wire readers do not know the call; say which one could not be read. Anything else a reader throws on an
    // answer of unexpected shape is a server_error too, never an untyped crash (its text is not repeated).
    if (isOtsError(error) && (!(error instanceof OtsServerError) || error.path !== undefined)) throw error;
    const what = (isOtsError(error) ? error : unexpected('a field has an unexpected type')).message;
    throw new OtsServerError(
      `OTS ${call.operation} (${call.method} ${call.path} → HTTP ${answer.status}): ${what}`,
      { status: answer.status, method: call.method, path: call.path },
    );
  }
}
