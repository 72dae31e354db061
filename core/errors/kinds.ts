// One subclass per stable code, so callers can branch with `instanceof` or on `error.code`.
import { OtsError, type OtsErrorDetails } from './ots-error.ts';

function named(cls: { prototype: Error }, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** Bad input caught before any request was made. `field` names the input. */
export class OtsInputError extends OtsError {
  static override readonly code = 'invalid_input' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('invalid_input', message, details);
  }
}
named(OtsInputError, 'OtsInputError');

/** Missing, wrong or insufficient credentials. */
export class OtsUnauthorizedError extends OtsError {
  static override readonly code = 'unauthorized' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('unauthorized', message, details);
  }
}
named(OtsUnauthorizedError, 'OtsUnauthorizedError');

/** Unknown, already read, burned or expired secret or receipt (or, on reveal, a wrong passphrase). */
export class OtsNotFoundError extends OtsError {
  static override readonly code = 'not_found' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('not_found', message, details);
  }
}
named(OtsNotFoundError, 'OtsNotFoundError');

/** The server rate limited the caller; `retryAfter` (seconds) when the server said. */
export class OtsRateLimitError extends OtsError {
  static override readonly code = 'rate_limited' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('rate_limited', message, details);
  }
}
named(OtsRateLimitError, 'OtsRateLimitError');

/** The server refused the request's content (validation); `field` when known. */
export class OtsInvalidRequestError extends OtsError {
  static override readonly code = 'invalid_request' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('invalid_request', message, details);
  }
}
named(OtsInvalidRequestError, 'OtsInvalidRequestError');

/** The server (or a proxy in front of it) failed or answered something unreadable. */
export class OtsServerError extends OtsError {
  static override readonly code = 'server_error' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('server_error', message, details);
  }
}
named(OtsServerError, 'OtsServerError');

/** The connection failed or broke before a complete answer arrived. */
export class OtsNetworkError extends OtsError {
  static override readonly code = 'network' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('network', message, details);
  }
}
named(OtsNetworkError, 'OtsNetworkError');

/** No complete answer within `timeoutMs`. */
export class OtsTimeoutError extends OtsError {
  static override readonly code = 'timeout' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('timeout', message, details);
  }
}
named(OtsTimeoutError, 'OtsTimeoutError');

/** The caller's AbortSignal fired. */
export class OtsAbortError extends OtsError {
  static override readonly code = 'aborted' as const;
  constructor(message: string, details?: OtsErrorDetails) {
    super('aborted', message, details);
  }
}
named(OtsAbortError, 'OtsAbortError');
