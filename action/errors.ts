import { isOtsError, type OtsError } from '../core/index.ts';

/** Bad action input, found before any request is made. The message names the input and what it accepts. */
export class ActionInputError extends Error {
  readonly input: string;

  constructor(input: string, message: string) {
    super(`Input "${input}": ${message}`);
    this.name = 'ActionInputError';
    this.input = input;
  }
}

/** What the step was doing when the error happened, so the message can say what to check. */
export type ErrorContext = 'share' | 'generate' | 'burn' | 'status' | 'comment' | 'post-burn';

/**
 * Turns any error into one line for `::error::`. Core errors never carry secrets, tokens or whole keys
 * (their `path` is already shortened), so their message can be quoted; anything else is reduced to its
 * message, never dumped as an object.
 */
export function describeError(error: unknown, context: ErrorContext): string {
  if (error instanceof ActionInputError) return error.message;
  if (isOtsError(error)) return describeOtsError(error, context);
  if (error instanceof Error) return error.message;
  return String(error);
}

function describeOtsError(error: OtsError, context: ErrorContext): string {
  const detail = error.message.replace(/\.$/, '');
  switch (error.code) {
    case 'invalid_input':
      return error.field ? `Input "${error.field}": ${detail}` : detail;
    case 'unauthorized':
      return (
        `Onetime Secret rejected the credentials (${detail}). Check "username" and "api-token": ` +
        'accounts and tokens are per region, and the username is case-sensitive.'
      );
    case 'not_found':
      if (context === 'burn' || context === 'status' || context === 'post-burn') {
        return (
          `Onetime Secret knows no secret for this "receipt-key" (${detail}). It may have expired ` +
          '(receipts live twice the TTL), been burned or opened already, or belong to another region or server.'
        );
      }
      return (
        `Onetime Secret answered "not found" (${detail}). Check "base-url" (include any path prefix) ` +
        'and "api-version".'
      );
    case 'rate_limited': {
      const wait = error.retryAfter === undefined ? '' : ` Retry after ${error.retryAfter} s.`;
      return `Onetime Secret is rate limiting these requests (${detail}).${wait}`;
    }
    case 'invalid_request':
      return `Onetime Secret refused the request: ${detail}`;
    case 'server_error':
      return `Onetime Secret failed with a server error (${detail}). Try again later.`;
    case 'network':
      return `Could not reach Onetime Secret (${detail}). Check "base-url"/"region" and the runner's network or proxy.`;
    case 'timeout':
      return `Onetime Secret did not answer in time (${detail}).`;
    case 'aborted':
      return `The request was aborted (${detail}).`;
    default:
      return detail;
  }
}
