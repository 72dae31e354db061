// The one error type of the client. Every failure a caller can see is an OtsError with a stable `code`.
// Instances never hold request options, headers, bodies or whole keys: only what is safe to print.

export type Operation = 'status' | 'share' | 'generate' | 'reveal' | 'receipt' | 'burn' | 'recent';

/** What an error may say about the call it ends: built by the session for each request it sends. */
export interface CallContext {
  operation: Operation;
  method: string;
  /** The request path with the key shortened. */
  path: string;
  key?: string;
  sensitive: Sensitive;
}

/** Values that must never appear in a message: secret, passphrase, token. */
export type Sensitive = ReadonlyArray<string | undefined>;

export type OtsErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'not_found'
  | 'rate_limited'
  | 'invalid_request'
  | 'server_error'
  | 'network'
  | 'timeout'
  | 'aborted';

export interface OtsErrorDetails {
  status?: number;
  retryAfter?: number;
  field?: string;
  method?: string;
  /** Request path with every key shortened. */
  path?: string;
  /** The server's id for the failed request (main's `request_id` / X-Request-Id), to quote in a support ticket. */
  requestId?: string;
  /** A sanitized stand-in for the low-level error (code and redacted message only). */
  cause?: Error;
}

// Symbol.for, not Symbol(): the GitHub Action bundle and a user's Pulumi program each carry their own copy of
// this module, and an error thrown by one copy must still be recognised by the other.
const BRAND: unique symbol = Symbol.for('ots-handoff.OtsError') as never;
const DETAILS = ['status', 'retryAfter', 'field', 'method', 'path', 'requestId'] as const;

export interface OtsError extends Readonly<Omit<OtsErrorDetails, 'cause'>> {}
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor assigns the details above when set.
export class OtsError extends Error {
  /** The code every instance of this class carries; undefined on the base class. */
  static readonly code: OtsErrorCode | undefined = undefined;

  readonly code: OtsErrorCode;

  constructor(code: OtsErrorCode, message: string, details: OtsErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    Object.assign(this, setDetails(details));
  }

  // `instanceof` across package copies: the brand says "an OtsError", the static code narrows to a subclass.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!isOtsError(value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, a subclass too.
    const code = (this as { code?: OtsErrorCode }).code;
    return code === undefined || value.code === code;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, ...setDetails(this) };
  }
}
Object.defineProperty(OtsError.prototype, 'name', { value: 'OtsError', writable: true, configurable: true });

/** True for an OtsError from any copy of this package (another bundle, another realm). */
export function isOtsError(value: unknown): value is OtsError {
  const candidate = value as { [BRAND]?: unknown; code?: unknown } | null;
  return typeof value === 'object' && candidate?.[BRAND] === true && typeof candidate.code === 'string';
}

/** The details that are set, in the order JSON and Object.keys show them. */
function setDetails(from: Omit<OtsErrorDetails, 'cause'>): Omit<OtsErrorDetails, 'cause'> {
  return Object.fromEntries(DETAILS.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));
}
