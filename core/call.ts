// What an error may say about the call it ends. Built on every call, so the printable parts are computed only
// when an error actually asks for them.
import type { CallContext, Operation } from './errors/from-response.ts';
import { shortenKey } from './errors/redact.ts';
import type { WireRequest } from './wire/api.ts';

export class Call implements CallContext {
  readonly operation: Operation;
  readonly key: string | undefined;
  /** The request being sent; replaced when 'auto' repeats it over v1. */
  request: WireRequest;
  readonly #sensitive: ReadonlyArray<string | undefined>;
  readonly #credentials: ReadonlyArray<string | undefined>;

  constructor(
    operation: Operation,
    request: WireRequest,
    sensitive: ReadonlyArray<string | undefined>,
    credentials: ReadonlyArray<string | undefined>,
    key?: string,
  ) {
    this.operation = operation;
    this.request = request;
    this.key = key;
    this.#sensitive = sensitive;
    this.#credentials = credentials;
  }

  get method(): string {
    return this.request.method;
  }

  get path(): string {
    const { path } = this.request;
    return this.key === undefined ? path : path.replace(this.key, shortenKey(this.key));
  }

  get sensitive(): ReadonlyArray<string | undefined> {
    return [...this.#sensitive, ...this.#credentials];
  }
}
