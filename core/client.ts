// OtsClient: the public calls. Each checks its input, runs one operation (session.ts) and returns domain objects.
import { checkEach, runBounded } from './bulk.ts';
import { burnAndSettle } from './burn.ts';
import { type ClientConfig, optionsFromEnv, resolveConfig } from './config.ts';
import { OtsInputError, OtsServerError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { handOver, handOverMany } from './hand-over.ts';
import { type CallOptions, Transport } from './http/transport.ts';
import { checkCreate, checkKey, checkPassphrase, checkSecret, checkWhole, invalid } from './inputs.ts';
import type {
  GeneratedBy,
  GeneratedSecret,
  GenerateOptions,
  HandOverOptions,
  HandOverRequest,
  HandOverValue,
  OtsClientOptions,
  PassphraseOptions,
  RevealedSecret,
  ShareOptions,
  WaitManyOptions,
  WaitOptions,
} from './options.ts';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import { type Receipt, toReceipt } from './receipt.ts';
import { RULES } from './rules.ts';
import { ApiSession } from './session.ts';
import { unusableCreate } from './unusable-create.ts';
import { waitForMany, waitForReceipt } from './wait.ts';
import type { Created, CreateInput } from './wire/api.ts';
import { v1 } from './wire/v1.ts';

export class OtsClient {
  /** Normalized base URL (origin and path prefix), no trailing slash. */
  readonly baseUrl: string;
  readonly #config: ClientConfig;
  readonly #transport: Transport;
  readonly #session: ApiSession;

  constructor(options: OtsClientOptions = {}) {
    const config = resolveConfig(options);
    this.#config = config;
    this.baseUrl = config.baseUrl;
    this.#transport = new Transport(config);
    // Redacted from every error: the token and the Basic credential built from it.
    const credentials = [config.apiToken, config.authorization?.slice('Basic '.length)];
    this.#session = new ApiSession(this.#transport, config.apiVersion, credentials);
  }

  /** A client configured from OTS_BASE_URL, OTS_REGION, OTS_USERNAME, OTS_API_TOKEN, OTS_API_VERSION. */
  static fromEnv(env: Record<string, string | undefined> = process.env, overrides?: OtsClientOptions) {
    return new OtsClient(optionsFromEnv(env, overrides));
  }

  /** The API version this client uses now ('auto' resolves on the first successful v2 answer). */
  get apiVersion(): 'v1' | 'v2' | undefined {
    return this.#session.api?.version;
  }

  /** Server status; over v2 also the OTS version, when the server tells it. */
  async status(options: CallOptions = {}) {
    const status = await this.#session.run('status', undefined, options);
    if (this.#session.api?.serverVersion !== undefined) {
      try {
        const version = await this.#session.run('serverVersion', undefined, options);
        if (version !== undefined) status.version = version;
      } catch (error) {
        // The version is a courtesy: some servers want credentials for it. An abort still ends the call.
        if (!isOtsError(error) || error.code === 'aborted') throw error;
      }
    }
    return status;
  }

  async share(secret: string, options: ShareOptions = {}) {
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
  ) {
    const concurrency = checkWhole('concurrency', options.concurrency, RULES.concurrency.default);
    const inputs = checkEach(items, (item) => ({ input: this.#checkShare(item.secret, item), item }));
    return runBounded(inputs, concurrency, ({ input, item }) =>
      this.#share(input, { ...item, signal: item.signal ?? options.signal }),
    );
  }

  /**
   * Hands one value, or one password made on this machine, to many people: a secret per recipient, whose link OTS
   * emails them (needs an account). Everything is checked before anything is sent; creates run under shareMany's
   * concurrency and retry rules. Every recipient is in the result, so a partial failure never hides who got a link.
   */
  async handOverTo(recipients: readonly string[], what: HandOverValue, options: HandOverOptions = {}) {
    return handOverMany(this, (secret, share) => this.#checkShare(secret, share), recipients, what, options);
  }

  /**
   * Creates a random password as a one-time secret and returns it with the receipt. With apiVersion 'auto' (the
   * default) or 'v1' the server generates it (API v1 /generate, served by every OTS version; default length 12).
   * Only when v1 is not served under 'auto', or with apiVersion pinned to 'v2' (whose generate never returns the
   * value), the password is made on this machine with node:crypto (default length 16) and concealed.
   * `generatedBy` says which happened. A generate is never sent twice after a failure that may have created it.
   */
  async generate(options: GenerateOptions = {}) {
    const input = checkCreate(options, this.#config.authorization !== undefined);
    if (this.#config.apiVersion === 'v1') {
      return this.#generated(await this.#session.run('generate', input, options), input, 'server');
    }
    if (this.#config.apiVersion === 'auto') {
      // A v1 endpoint that is not served answered before doing anything: generating locally creates no duplicate.
      const created = await this.#session.runOver(v1, 'generate', input, options);
      if (created !== undefined) return this.#generated(created, input, 'server');
    }
    const local = generatePassword(input.length ?? DEFAULT_PASSWORD_LENGTH);
    const shared = { ...input, secret: local, length: undefined };
    const created = await this.#session.run('share', shared, options, 'generate');
    return this.#generated({ ...created, value: local }, input, 'client');
  }

  /**
   * Shares `secret`, or generates a password with `generate: true`: the receipt, the generated value, and warnings
   * about what the server changed (a clamped TTL). A create whose answer cannot be used is burned; if that fails,
   * the error names the receipt key (createdReceiptKey) so the caller can.
   */
  handOver(request: HandOverRequest) {
    return handOver(this, request);
  }

  async reveal(keyOrUrl: string, options: PassphraseOptions = {}): Promise<RevealedSecret> {
    const key = checkKey(keyOrUrl, 'secret');
    const passphrase = checkPassphrase(options.passphrase);
    const revealed = await this.#session.run('reveal', { key, passphrase }, options);
    // v1 reports the share domain as a base URL ("http://127.0.0.1:7143"); only a different host is news.
    const host = revealed.shareDomain?.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    const shareDomain = host === '' || host === new URL(this.baseUrl).host ? undefined : host;
    return { value: revealed.value, secretKey: revealed.secretKey, ...(shareDomain && { shareDomain }) };
  }

  async receipt(keyOrUrl: string, options: CallOptions = {}) {
    const key = checkKey(keyOrUrl, 'receipt');
    return toReceipt(await this.#session.run('receipt', { key }, options), this.baseUrl);
  }

  /**
   * Burns the secret so its link stops working. A secret that was already received, burned or has expired is not a
   * failure: the result is its receipt in that final state with `burnedNow: false`. Only an unknown receipt (or a
   * wrong passphrase, or any other failure) throws. The burn is sent once; the receipt may be read after it.
   */
  async burn(keyOrUrl: string, options: PassphraseOptions = {}) {
    const key = checkKey(keyOrUrl, 'receipt');
    const passphrase = checkPassphrase(options.passphrase);
    const burn = () => this.#session.run('burn', { key, passphrase }, options);
    return burnAndSettle(burn, () => this.receipt(key, options), this.baseUrl, key);
  }

  /** Reads the receipt (idempotent, with its own retries) until its state is one of `until` or final. */
  async waitForReceipt(keyOrUrl: string, options: WaitOptions = {}) {
    const key = checkKey(keyOrUrl, 'receipt');
    return waitForReceipt(() => this.receipt(key, options), key, options);
  }

  /**
   * Reads many receipts in rounds until each is in one of `until` or a final state, or `timeoutMs` passes (see
   * WaitManyResult). Reads that fail transiently are outlived, any other failure is thrown.
   */
  async waitForReceipts(keysOrUrls: readonly string[], options: WaitManyOptions = {}) {
    if (!Array.isArray(keysOrUrls) || keysOrUrls.length === 0) {
      throw invalid('keys', 'must be a non-empty list of receipt keys or links.');
    }
    const keys = keysOrUrls.map((keyOrUrl, index) => {
      try {
        return checkKey(keyOrUrl, 'receipt');
      } catch (error) {
        if (!(error instanceof OtsInputError)) throw error;
        throw invalid(`keys[${index}]`, error.message);
      }
    });
    return waitForMany((key) => this.receipt(key, { signal: options.signal }), keys, options);
  }

  async recent(options: CallOptions = {}) {
    if (this.#config.authorization === undefined) {
      throw new OtsInputError('recent: lists the receipts of an account; set username and apiToken.', {
        field: 'username',
      });
    }
    const list = await this.#session.run('recent', undefined, options);
    return list.map((fields) => toReceipt(fields, this.baseUrl));
  }

  /** Closes the connection pool the client created (an injected dispatcher is left open). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /** `await using ots = new OtsClient(…)` closes the pool at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #checkShare(secret: string, options: ShareOptions): CreateInput {
    const input = checkCreate(options, this.#config.authorization !== undefined);
    input.secret = checkSecret(secret, this.#config.maxSecretBytes);
    return input;
  }

  async #share(input: CreateInput, options: CallOptions): Promise<Receipt> {
    const created = await this.#session.run('share', input, options);
    return this.#createdReceipt('share', created, input);
  }

  /** The receipt of a secret just created; an answer that cannot be made one still names the receipt key to burn. */
  #createdReceipt(operation: string, created: Created, input: CreateInput): Receipt {
    try {
      return toReceipt(created.fields, this.baseUrl, input.ttl);
    } catch (error) {
      throw unusableCreate(operation, created.fields.receiptKey, error);
    }
  }

  #generated(created: Created, input: CreateInput, generatedBy: GeneratedBy): GeneratedSecret {
    if (created.value === undefined) {
      const problem = new OtsServerError("the server's answer has no generated value");
      throw unusableCreate('generate', created.fields.receiptKey, problem);
    }
    return { ...this.#createdReceipt('generate', created, input), value: created.value, generatedBy };
  }
}
