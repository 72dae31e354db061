// OtsClient: validates input, picks the API version, sends through the transport and returns domain objects.

import { setTimeout as sleep } from 'node:timers/promises';
import { checkConcurrency, checkEach, runBounded, type Settled } from './bulk.ts';
import { Call } from './call.ts';
import { type ClientConfig, resolveConfig } from './config.ts';
import { optionsFromEnv } from './env.ts';
import { errorFromResponse, isUnrouted, type Operation } from './errors/from-response.ts';
import { OtsAbortError, OtsInputError, OtsNotFoundError, OtsServerError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { shortenKey } from './errors/redact.ts';
import { type Answer, Transport } from './http/transport.ts';
import { checkCreate, checkPassphrase, checkSecret } from './inputs.ts';
import { type KeyKind, parseKeyInput } from './key.ts';
import type {
  CallOptions,
  GeneratedSecret,
  GenerateOptions,
  OtsClientOptions,
  PassphraseOptions,
  RevealedSecret,
  ServerStatus,
  ShareOptions,
  WaitOptions,
} from './options.ts';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import { type Receipt, toReceipt } from './receipt.ts';
import type { CreateInput, WireApi, WireRequest } from './wire/api.ts';
import { v1 } from './wire/v1.ts';
import { v2 } from './wire/v2.ts';

const FINAL_STATES: ReadonlyArray<string> = ['received', 'burned', 'expired', 'orphaned'];

export class OtsClient {
  /** Normalized base URL (origin and path prefix), no trailing slash. */
  readonly baseUrl: string;
  readonly #config: ClientConfig;
  readonly #transport: Transport;
  /** The API version in use; undefined while 'auto' has not yet seen a v2 answer. */
  #api: WireApi | undefined;
  /** Values redacted from every error: the token and the Basic credential built from it. */
  readonly #credentials: ReadonlyArray<string | undefined>;
  readonly #host: string;

  constructor(options: OtsClientOptions = {}) {
    this.#config = resolveConfig(options);
    this.baseUrl = this.#config.endpoint.baseUrl;
    this.#host = new URL(this.baseUrl).host;
    this.#credentials = [this.#config.apiToken, this.#config.authorization?.slice('Basic '.length)];
    this.#api = this.#config.apiVersion === 'v1' ? v1 : this.#config.apiVersion === 'v2' ? v2 : undefined;
    this.#transport = new Transport({
      origin: this.#config.endpoint.origin,
      prefix: this.#config.endpoint.prefix,
      timeoutMs: this.#config.timeoutMs,
      maxRetries: this.#config.maxRetries,
      userAgent: this.#config.userAgent,
      authorization: this.#config.authorization,
      dispatcher: this.#config.dispatcher,
      env: this.#config.env,
    });
  }

  /** A client configured from OTS_BASE_URL, OTS_REGION, OTS_USERNAME, OTS_API_TOKEN, OTS_API_VERSION. */
  static fromEnv(
    env: Record<string, string | undefined> = process.env,
    overrides?: OtsClientOptions,
  ): OtsClient {
    return new OtsClient(optionsFromEnv(env, overrides));
  }

  /** The API version this client uses now ('auto' resolves on the first successful v2 answer). */
  get apiVersion(): 'v1' | 'v2' | undefined {
    return this.#api?.version;
  }

  /** Server status; over v2 also the OTS version, when the server tells it. */
  async status(options: CallOptions = {}): Promise<ServerStatus> {
    const status = await this.#exchange(
      'status',
      (api) => api.status(),
      (api, body) => api.readStatus(body),
      options,
      [],
    );
    const api = this.#api;
    if (api?.serverVersion !== undefined) {
      try {
        const version = await this.#exchange(
          'status',
          (a) => a.serverVersion?.() ?? a.status(),
          (a, body) => a.readServerVersion?.(body),
          options,
          [],
        );
        if (version !== undefined) status.version = version;
      } catch (error) {
        // The version is a courtesy: some servers want credentials for it. An abort still ends the call.
        if (!isOtsError(error) || error.code === 'aborted') throw error;
      }
    }
    return status;
  }

  async share(secret: string, options: ShareOptions = {}): Promise<Receipt> {
    return this.#share(this.#checkShare(secret, options), options);
  }

  /**
   * Shares many secrets with at most `concurrency` (default 4) requests in flight. Every item is checked before
   * anything is sent; the results keep the input order, each a receipt or the OtsError of that item, so a
   * partial failure never hides which secrets were created.
   */
  async shareMany(
    items: ReadonlyArray<ShareOptions & { secret: string }>,
    options: { concurrency?: number; signal?: AbortSignal } = {},
  ): Promise<Array<Settled<Receipt>>> {
    const concurrency = checkConcurrency(options.concurrency);
    const inputs = checkEach(items, (item) => ({ input: this.#checkShare(item.secret, item), item }));
    return runBounded(inputs, concurrency, ({ input, item }) =>
      this.#share(
        input,
        options.signal === undefined || item.signal !== undefined
          ? item
          : { ...item, signal: options.signal },
      ),
    );
  }

  #checkShare(secret: string, options: ShareOptions): CreateInput {
    const input = checkCreate(options, this.#config.authorization !== undefined);
    input.secret = checkSecret(secret, this.#config.maxSecretBytes);
    return input;
  }

  async #share(input: CreateInput, options: CallOptions): Promise<Receipt> {
    const created = await this.#exchange(
      'share',
      (api) => api.share(input),
      (api, body) => api.readCreated(body),
      options,
      [input.secret, input.passphrase],
    );
    return toReceipt(created.fields, this.baseUrl, input.ttl);
  }

  async generate(options: GenerateOptions = {}): Promise<GeneratedSecret> {
    const input = checkCreate(options, this.#config.authorization !== undefined);
    input.length ??= DEFAULT_PASSWORD_LENGTH;
    const local = generatePassword(input.length);
    const created = await this.#exchange(
      'generate',
      // v1 generates on the server and returns the value; v2 never returns it (see password.ts).
      (api) =>
        api.version === 'v1'
          ? api.generate(input)
          : api.share({ ...input, secret: local, length: undefined }),
      (api, body) => {
        const read = api.readCreated(body);
        if (api.version !== 'v1') read.value = local;
        return read;
      },
      options,
      [input.passphrase, local],
    );
    if (created.value === undefined) {
      throw new OtsServerError(
        'OTS generate: the server created a secret but did not return its value; burn it with the receipt key ' +
          `${shortenKey(created.fields.receiptKey)} (see the receipt link) and share a password you generate.`,
      );
    }
    return { ...toReceipt(created.fields, this.baseUrl, input.ttl), value: created.value };
  }

  async reveal(keyOrUrl: string, options: PassphraseOptions = {}): Promise<RevealedSecret> {
    const key = this.#key(keyOrUrl, 'secret');
    const passphrase = checkPassphrase(options.passphrase);
    const revealed = await this.#exchange(
      'reveal',
      (api) => api.reveal(key, passphrase),
      (api, body) => api.readRevealed(body),
      options,
      [passphrase],
      key,
    );
    const result: RevealedSecret = { value: revealed.value, secretKey: revealed.secretKey };
    const domain = this.#customDomain(revealed.shareDomain);
    if (domain !== undefined) result.shareDomain = domain;
    return result;
  }

  async receipt(keyOrUrl: string, options: CallOptions = {}): Promise<Receipt> {
    const key = this.#key(keyOrUrl, 'receipt');
    const fields = await this.#exchange(
      'receipt',
      (api) => api.receipt(key),
      (api, body) => api.readReceipt(body),
      options,
      [],
      key,
    );
    return toReceipt(fields, this.baseUrl);
  }

  async burn(keyOrUrl: string, options: PassphraseOptions = {}): Promise<Receipt> {
    const key = this.#key(keyOrUrl, 'receipt');
    const passphrase = checkPassphrase(options.passphrase);
    const { fields, burned } = await this.#exchange(
      'burn',
      (api) => api.burn(key, passphrase),
      (api, body) => api.readBurned(body),
      options,
      [passphrase],
      key,
    );
    if (!burned) {
      // v1 answers this case with 404 "Unknown secret"; one outcome whatever the API version.
      throw new OtsNotFoundError(
        `OTS burn: nothing to burn for receipt ${shortenKey(key)}: its secret was already ${fields.state === 'burned' ? 'burned' : 'read, burned or has expired'} (state: ${fields.state}).`,
        { status: 200, method: 'POST', path: `/receipt/${shortenKey(key)}/burn` },
      );
    }
    // Servers answer with the receipt as it was loaded before the burn ("new", "viewed"); the burn succeeded.
    fields.state = 'burned';
    return toReceipt(fields, this.baseUrl);
  }

  /**
   * Reads the receipt until its state is one of `until` or final (received, burned, expired, orphaned), e.g. to
   * learn that the recipient opened the link. Each read is an idempotent receipt() call with its own retries.
   */
  async waitForReceipt(keyOrUrl: string, options: WaitOptions = {}): Promise<Receipt> {
    const key = this.#key(keyOrUrl, 'receipt');
    const until = new Set<string>(options.until ?? FINAL_STATES);
    const intervalMs = options.intervalMs ?? 5_000;
    if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) {
      throw new OtsInputError(`intervalMs: ${String(intervalMs)} is not a whole number of milliseconds.`, {
        field: 'intervalMs',
      });
    }
    for (;;) {
      const receipt = await this.receipt(key, options);
      if (until.has(receipt.state) || FINAL_STATES.includes(receipt.state)) return receipt;
      try {
        await sleep(
          intervalMs,
          undefined,
          options.signal === undefined ? undefined : { signal: options.signal },
        );
      } catch {
        throw new OtsAbortError(
          `OTS waitForReceipt: aborted while receipt ${shortenKey(key)} was ${receipt.state}.`,
        );
      }
    }
  }

  async recent(options: CallOptions = {}): Promise<Receipt[]> {
    if (this.#config.authorization === undefined) {
      throw new OtsInputError('recent: lists the receipts of an account; set username and apiToken.', {
        field: 'username',
      });
    }
    const list = await this.#exchange(
      'recent',
      (api) => api.recent(),
      (api, body) => api.readRecent(body),
      options,
      [],
    );
    return list.map((fields) => toReceipt(fields, this.baseUrl));
  }

  /** Closes the connection pool the client created (an injected dispatcher is left open). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  #key(keyOrUrl: string, kind: KeyKind): string {
    return parseKeyInput(keyOrUrl, kind === 'secret' ? 'secret key or link' : 'receipt key or link', kind)
      .key;
  }

  // v1 reports the share domain as a base URL ("http://127.0.0.1:7143"); only a different host is news.
  #customDomain(shareDomain: string | undefined): string | undefined {
    if (shareDomain === undefined) return undefined;
    const host = shareDomain.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    return host === '' || host === this.#host ? undefined : host;
  }

  async #exchange<T>(
    operation: Operation,
    build: (api: WireApi) => WireRequest,
    read: (api: WireApi, body: unknown) => T,
    options: CallOptions,
    sensitive: Array<string | undefined>,
    key?: string,
  ): Promise<T> {
    let api = this.#api ?? v2;
    const call = new Call(operation, build(api), sensitive, this.#credentials, key);
    let answer = await this.#transport.send(call.request, call, options);
    let body = parse(answer);
    if (this.#api === undefined && api === v2 && isUnrouted(answer.status, body)) {
      // An unrouted request did nothing on the server, so repeating it over v1 is safe even for writes.
      api = v1;
      call.request = build(api);
      answer = await this.#transport.send(call.request, call, options);
      body = parse(answer);
      if (answer.status < 300) this.#api = v1;
    } else if (this.#api === undefined && answer.status < 300) {
      this.#api = api;
    }
    if (answer.status < 200 || answer.status >= 300 || body === undefined) {
      throw errorFromResponse(api.version, { ...answer, body }, call);
    }
    try {
      return read(api, body);
    } catch (error) {
      if (!(error instanceof OtsServerError)) throw error;
      const where = `OTS ${operation} (${call.method} ${call.path} → HTTP ${answer.status})`;
      throw new OtsServerError(`${where}: ${error.message}`, {
        status: answer.status,
        method: call.method,
        path: call.path,
      });
    }
  }
}

function parse(answer: Answer): unknown {
  if (answer.text === '') return undefined;
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}
