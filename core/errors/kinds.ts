// One subclass per stable code, so callers can branch with `instanceof` or on `error.code`.
import { OtsError, type OtsErrorCode, type OtsErrorDetails } from './ots-error.ts';

/** The base of the class for one code: `static code` (which `instanceof` checks) and the `name` errors print. */
function kind<C extends OtsErrorCode>(code: C, name: string) {
  const cls = class extends OtsError {
    static override readonly code: C = code;
    constructor(message: string, details?: OtsErrorDetails) {
      super(code, message, details);
    }
  };
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
  return cls;
}

/** Bad input caught before any request was made. `field` names the input. */
export class OtsInputError extends kind('invalid_input', 'OtsInputError') {}
/** Missing, wrong or insufficient credentials. */
export class OtsUnauthorizedError extends kind('unauthorized', 'OtsUnauthorizedError') {}
/** Unknown, already read, burned or expired secret or receipt (or, on reveal, a wrong passphrase). */
export class OtsNotFoundError extends kind('not_found', 'OtsNotFoundError') {}
/** The server rate limited the caller; `retryAfter` (seconds) when the server said. */
export class OtsRateLimitError extends kind('rate_limited', 'OtsRateLimitError') {}
/** The server refused the request's content (validation); `field` when known. */
export class OtsInvalidRequestError extends kind('invalid_request', 'OtsInvalidRequestError') {}
/** The server (or a proxy in front of it) failed or answered something unreadable. */
export class OtsServerError extends kind('server_error', 'OtsServerError') {}
/** The connection failed or broke before a complete answer arrived. */
export class OtsNetworkError extends kind('network', 'OtsNetworkError') {}
/** No complete answer within `timeoutMs`. */
export class OtsTimeoutError extends kind('timeout', 'OtsTimeoutError') {}
/** The caller's AbortSignal fired. */
export class OtsAbortError extends kind('aborted', 'OtsAbortError') {}
