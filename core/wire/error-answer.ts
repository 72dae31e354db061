// An HTTP answer that is not a success → the OtsError a caller can act on.
// v1 answers every error with 404 and tells them apart only by the message (and, since v0.24.6, by
// X-OTS-Intended-Status); v2 uses real status codes with error_type. Proxies add HTML pages and empty bodies.
import type { CallContext } from '../errors/call-context.ts';
import {
  OtsInvalidRequestError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsServerError,
  OtsUnauthorizedError,
} from '../errors/kinds.ts';
import type { OtsError, OtsErrorDetails } from '../errors/ots-error.ts';
import { quoteExternal, redact, shortenKey } from '../errors/redact.ts';
import type { ResponseHeaders } from '../http/dispatch-once.ts';
import { header, parseRetryAfter } from '../http/transport.ts';
import type { ApiVersion } from './api.ts';
import { obj, str } from './read.ts';

export interface ErrorResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
}

/** Otto's answer for a path the server does not route: {"error":"Not Found"} and nothing else. */
export function isUnrouted(status: number, body: unknown): boolean {
  const json = obj(body);
  return status === 404 && json !== undefined && json.error === 'Not Found' && Object.keys(json).length === 1;
}

/**
 * The endpoint is not there for this caller: unrouted (404 {"error":"Not Found"}), or API v1 closed to requests with
 * credentials on servers without accounts (404 {"message":"/api/v1/… is not available"}). Both are answered before
 * any handler runs, so nothing was created.
 */
export function isNotServed(status: number, body: unknown): boolean {
  if (isUnrouted(status, body)) return true;
  const message = str(obj(body)?.message);
  return status === 404 && message !== undefined && /\/api\/v1\/\S* is not available$/.test(message);
}

/** A JSON answer from a routed endpoint (success or OTS error) proves the version is served; a proxy page does not. */
export function isOtsAnswer(status: number, body: unknown): boolean {
  return typeof body === 'object' && body !== null && !isUnrouted(status, body);
}

export function errorFromResponse(api: ApiVersion, response: ErrorResponse, call: CallContext): OtsError {
  const error = classify(api, response, call);
  const requestId = requestIdOf(response, call);
  if (requestId === undefined) return error;
  // Not a secret: it lets the server's operator find this request in their logs.
  (error as { requestId?: string }).requestId = requestId;
  error.message = `${error.message} (request id ${requestId})`;
  return error;
}

/**
 * main's `request_id` (the X-Request-Id it also sends; 13 characters on the recorded server), only when it is a
 * short plain token that nothing would redact: never arbitrary server text, never anything key-shaped.
 */
function requestIdOf(response: ErrorResponse, call: CallContext): string | undefined {
  const id = str(obj(response.body)?.request_id) ?? header(response.headers, 'x-request-id');
  if (id === undefined || !/^[A-Za-z0-9._-]{1,40}$/.test(id)) return undefined;
  return redact(id, call.sensitive) === id ? id : undefined;
}

function classify(api: ApiVersion, response: ErrorResponse, call: CallContext): OtsError {
  const { status } = response;
  const json = obj(response.body);
  const said = str(json?.message) ?? str(json?.error);
  const message = said === undefined ? undefined : quoteExternal(said, call.sensitive);
  const retryAfter = parseRetryAfter(header(response.headers, 'retry-after'));
  const details: OtsErrorDetails = { status, method: call.method, path: call.path };
  if (retryAfter !== undefined) details.retryAfter = retryAfter;
  const where = `OTS ${call.operation} (${call.method} ${call.path} → HTTP ${status})`;

  if (status >= 300 && status < 400) {
    const location = header(response.headers, 'location');
    const to = location === undefined ? '' : ` to ${quoteExternal(location, call.sensitive)}`;
    return new OtsServerError(
      `${where}: the server redirected${to}. Redirects are not followed (a POST carrying a secret must not be ` +
        'resent elsewhere); set baseUrl to the final address, e.g. https:// instead of http://.',
      details,
    );
  }
  if (status === 413) {
    details.field = 'secret';
    return new OtsInvalidRequestError(
      `${where}: the server or a proxy in front of it refused the request as too large; lower maxSecretBytes ` +
        'to its limit, or raise the limit on the server.',
      details,
    );
  }
  if (json === undefined) return unreadable(where, response, details);
  if (isUnrouted(status, json)) {
    return new OtsNotFoundError(
      `${where}: the server does not serve this API ${api} endpoint; it may be an older or newer OTS, or not OTS ` +
        `at all. Check baseUrl, or choose apiVersion 'v1', 'v2' or 'auto'.`,
      details,
    );
  }

  const intended = Number(header(response.headers, 'x-ots-intended-status')) || undefined;
  const errorType = str(json.error_type)?.toLowerCase();
  const text = said?.toLowerCase() ?? '';

  if (
    status === 429 ||
    /rate limit/.test(text) ||
    errorType?.includes('ratelimit') ||
    errorType === 'rate_limited'
  ) {
    const wait = retryAfter === undefined ? '' : ` Retry after ${retryAfter} s.`;
    // A 429 is answered before any work; v1's 404 "rate limited" may come after it.
    const nothingDone = status === 429 ? ' The server did not act on this request.' : '';
    return new OtsRateLimitError(
      `${where}: the server rate limited this client (${message ?? 'no reason given'}).${wait}${nothingDone}`,
      details,
    );
  }
  if (
    status === 401 ||
    status === 403 ||
    intended === 401 ||
    text === 'not authorized' ||
    /is not available/.test(text) ||
    errorType === 'unauthorized' ||
    errorType === 'forbidden'
  ) {
    return new OtsUnauthorizedError(
      `${where}: not authorized (${message ?? 'no reason given'}). Check username and apiToken: usernames are ` +
        'case-sensitive, tokens belong to one region, and a wrong token is never treated as anonymous.',
      details,
    );
  }
  // v0.23's v2 burn answers a secret that is already gone with 500 "Secret could not be burned."
  if (call.operation === 'burn' && text.includes('could not be burned')) {
    return new OtsNotFoundError(`${where}: ${notFoundReason(call)}`, details);
  }
  if (text.startsWith('an unexpected error occurred') || status >= 500) {
    const hint =
      call.operation === 'recent' && api === 'v1'
        ? ' OTS v0.21–v0.23 cannot list recent receipts over API v1; use API v2.'
        : '';
    return new OtsServerError(
      `${where}: the server failed (${message ?? 'no reason given'}).${hint}`,
      details,
    );
  }
  if (text === 'unknown secret' || (api === 'v2' && status === 404)) {
    return new OtsNotFoundError(`${where}: ${notFoundReason(call)}`, details);
  }
  const field = str(json.field) ?? fieldOf(text);
  if (field !== undefined) details.field = field;
  return new OtsInvalidRequestError(
    `${where}: the server refused the request: ${message ?? 'no reason given'}.`,
    details,
  );
}

function notFoundReason(call: CallContext): string {
  const key = call.key === undefined ? '' : ` ${shortenKey(call.key)}`;
  switch (call.operation) {
    case 'reveal':
      return (
        `no secret${key} to reveal. It is unknown, was already read, was burned, has expired, or the ` +
        'passphrase is wrong or missing (OTS gives the same answer for all of these).'
      );
    case 'burn':
      return `nothing to burn for receipt${key}: it is unknown, or its secret was already read, burned or has expired.`;
    case 'receipt':
      return (
        `no receipt${key}. It is unknown, has expired (receipts live twice the secret's TTL), or the key is a ` +
        'secret key rather than a receipt key.'
      );
    default:
      return 'the server answered "not found".';
  }
}

// v1 validation messages carry no field name; these are the ones OTS is known to send.
function fieldOf(text: string): string | undefined {
  if (text.includes('passphrase')) return 'passphrase';
  if (text.includes('to share') || text.includes('secret value') || text.includes('payload')) return 'secret';
  if (text.includes('domain')) return 'shareDomain';
  if (text.includes('email') || text.includes('recipient')) return 'recipient';
  if (text.includes('ttl')) return 'ttl';
  return undefined;
}

function unreadable(where: string, response: ErrorResponse, details: OtsErrorDetails): OtsError {
  const { status, text } = response;
  const what =
    text.trim() === ''
      ? 'an empty body'
      : /^\s*</.test(text)
        ? 'an HTML page, likely from a proxy or load balancer in front of OTS'
        : 'a body that is not JSON (possibly cut off)';
  if (status === 429) return new OtsRateLimitError(`${where}: rate limited, with ${what}.`, details);
  if (status === 401 || status === 403)
    return new OtsUnauthorizedError(`${where}: not authorized, with ${what}.`, details);
  if (status === 404)
    return new OtsNotFoundError(`${where}: not found, with ${what}; check baseUrl.`, details);
  return new OtsServerError(`${where}: the server answered with ${what}.`, details);
}
