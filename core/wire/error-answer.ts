// An HTTP answer that is not a success → the OtsError a caller can act on.
// v1 answers every error with 404 and tells them apart only by the message (and, since v0.24.6, by
// X-OTS-Intended-Status); v2 uses real status codes with error_type. Proxies add HTML pages and empty bodies.
import {
  OtsInvalidRequestError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsServerError,
  OtsUnauthorizedError,
} from '../errors/kinds.ts';
import type { CallContext, Operation, OtsError, OtsErrorDetails } from '../errors/ots-error.ts';
import { carriesSensitive, quoteExternal, shortenKey } from '../errors/redact.ts';
import type { RawAnswer } from '../http/dispatch-once.ts';
import { header, parseRetryAfter } from '../http/transport.ts';
import type { WireApi } from './api.ts';
import { obj, str } from './read.ts';

/** An answer that is not a success; `body` is the parsed body, or undefined when it was not JSON. */
type ErrorResponse = RawAnswer & { body: unknown };

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
  const message = str(obj(body)?.message) ?? '';
  return isUnrouted(status, body) || (status === 404 && /\/api\/v1\/\S* is not available$/.test(message));
}

/** A JSON answer from a routed endpoint (success or OTS error) proves the version is served; a proxy page does not. */
export function isOtsAnswer(status: number, body: unknown): boolean {
  return typeof body === 'object' && body !== null && !isUnrouted(status, body);
}

type ErrorClass = new (message: string, details?: OtsErrorDetails) => OtsError;

export function errorFromResponse(api: WireApi['version'], response: ErrorResponse, call: CallContext) {
  const retryAfter = parseRetryAfter(header(response.headers, 'retry-after'));
  const details = { status: response.status, method: call.method, path: call.path, retryAfter };
  const [Kind, said] = classify(api, response, call, details);
  const message = `OTS ${call.operation} (${call.method} ${call.path} → HTTP ${response.status}): ${said}`;
  // main's `request_id` (the X-Request-Id it also sends; 13 characters on the recorded server) lets the server's
  // operator find this request in their logs. Only a short plain token that nothing would redact is repeated:
  // never arbitrary server text, never anything key-shaped or holding a piece of a sensitive value (the id is also
  // in the error's stack text).
  const id = str(obj(response.body)?.request_id) ?? header(response.headers, 'x-request-id') ?? '';
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(id) || carriesSensitive(id, call.sensitive))
    return new Kind(message, details);
  return new Kind(`${message} (request id ${id})`, { ...details, requestId: id });
}

function classify(
  api: WireApi['version'],
  { status, headers, text: raw, body }: ErrorResponse,
  call: CallContext,
  details: OtsErrorDetails,
): [ErrorClass, string] {
  const json = obj(body);
  const said = str(json?.message) ?? str(json?.error);
  const reason = said === undefined ? 'no reason given' : quoteExternal(said, call.sensitive);
  if (status >= 300 && status < 400) {
    const location = header(headers, 'location');
    const to = location === undefined ? '' : ` to ${quoteExternal(location, call.sensitive)}`;
    const advice =
      'Redirects are not followed (a POST carrying a secret must not be resent elsewhere); set baseUrl to the ' +
      'final address, e.g. https:// instead of http://.';
    return [OtsServerError, `the server redirected${to}. ${advice}`];
  }
  if (status === 413) {
    details.field = 'secret';
    const advice = 'lower maxSecretBytes to its limit, or raise the limit on the server.';
    return [
      OtsInvalidRequestError,
      `the server or a proxy in front of it refused the request as too large; ${advice}`,
    ];
  }
  if (json === undefined) {
    const what =
      raw.trim() === ''
        ? 'an empty body'
        : /^\s*</.test(raw)
          ? 'an HTML page, likely from a proxy or load balancer in front of OTS'
          : 'a body that is not JSON (possibly cut off)';
    if (status === 429) return [OtsRateLimitError, `rate limited, with ${what}.`];
    if (status === 401 || status === 403) return [OtsUnauthorizedError, `not authorized, with ${what}.`];
    if (status === 404) return [OtsNotFoundError, `not found, with ${what}; check baseUrl.`];
    return [OtsServerError, `the server answered with ${what}.`];
  }
  if (isUnrouted(status, json)) {
    const advice = `Check baseUrl, or choose apiVersion 'v1', 'v2' or 'auto'.`;
    const what = 'it may be an older or newer OTS, or not OTS at all.';
    return [OtsNotFoundError, `the server does not serve this API ${api} endpoint; ${what} ${advice}`];
  }

  const intended = Number(header(headers, 'x-ots-intended-status')) || undefined;
  const type = str(json.error_type)?.toLowerCase() ?? '';
  const text = said?.toLowerCase() ?? '';
  if (status === 429 || /rate limit/.test(text) || /ratelimit|^rate_limited$/.test(type)) {
    const wait = details.retryAfter === undefined ? '' : ` Retry after ${details.retryAfter} s.`;
    // A 429 is answered before any work; v1's 404 "rate limited" may come after it.
    const nothingDone = status === 429 ? ' The server did not act on this request.' : '';
    return [OtsRateLimitError, `the server rate limited this client (${reason}).${wait}${nothingDone}`];
  }
  const unauthorized = [401, 403].includes(status) || intended === 401 || text === 'not authorized';
  if (unauthorized || /is not available/.test(text) || /^(unauthorized|forbidden)$/.test(type)) {
    const advice =
      'Check username and apiToken: usernames are case-sensitive, tokens belong to one region, and a wrong token ' +
      'is never treated as anonymous.';
    return [OtsUnauthorizedError, `not authorized (${reason}). ${advice}`];
  }
  // v0.23's v2 burn answers a secret that is already gone with 500 "Secret could not be burned."
  if (call.operation === 'burn' && text.includes('could not be burned'))
    return [OtsNotFoundError, notFound(call)];
  if (text.startsWith('an unexpected error occurred') || status >= 500) {
    const hint =
      call.operation === 'recent' && api === 'v1'
        ? ' OTS v0.21–v0.23 cannot list recent receipts over API v1; use API v2.'
        : '';
    return [OtsServerError, `the server failed (${reason}).${hint}`];
  }
  if (text === 'unknown secret' || (api === 'v2' && status === 404))
    return [OtsNotFoundError, notFound(call)];
  // v1 validation messages carry no field name; these are the words OTS is known to use for each field.
  details.field = str(json.field) ?? FIELD_WORDS.find(([, words]) => words.test(text))?.[0];
  return [OtsInvalidRequestError, `the server refused the request: ${reason}.`];
}

const FIELD_WORDS: [string, RegExp][] = [
  ['passphrase', /passphrase/],
  ['secret', /to share|secret value|payload/],
  ['shareDomain', /domain/],
  ['recipient', /email|recipient/],
  ['ttl', /ttl/],
];

// What "not found" can mean for each operation; OTS answers all of these cases alike.
const NOT_FOUND: Partial<Record<Operation, (key: string) => string>> = {
  reveal: (key) =>
    `no secret${key} to reveal. It is unknown, was already read, was burned, has expired, or the passphrase is ` +
    'wrong or missing (OTS gives the same answer for all of these).',
  burn: (key) =>
    `nothing to burn for receipt${key}: it is unknown, or its secret was already read, burned or has expired.`,
  receipt: (key) =>
    `no receipt${key}. It is unknown, has expired (receipts live twice the secret's TTL), or the key is a secret ` +
    'key rather than a receipt key.',
};

function notFound({ operation, key }: CallContext): string {
  const reason = NOT_FOUND[operation]?.(key === undefined ? '' : ` ${shortenKey(key)}`);
  return reason ?? 'the server answered "not found".';
}
