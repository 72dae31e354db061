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
export type ErrorContext = 'share' | 'generate' | 'burn' | 'status' | 'post-burn';

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

/** Core option names as this action's inputs call them, so a message points at something the user can set. */
const INPUT_NAMES: Array<[RegExp, string]> = [
  [/\bbaseUrl\b/g, '"base-url"'],
  [/\bapiToken\b/g, '"api-token"'],
  [/\bapiVersion\b/g, '"api-version"'],
  [/\ballowInsecureHttp\b/g, '"allow-insecure-http"'],
  [/\bshareDomain\b/g, '"share-domain"'],
  [/\busername\b/g, '"username"'],
];

/** A core message with core's option names replaced by this action's input names. */
export function inActionWords(message: string): string {
  let text = message;
  for (const [pattern, input] of INPUT_NAMES) text = text.replace(pattern, input);
  return text;
}

/** Core messages already say what happened and what to check; the action only renames options and adds hints. */
function describeOtsError(error: OtsError, context: ErrorContext): string {
  let message = error.message;
  let prefix = '';
  if (error.code === 'invalid_input' && error.field) {
    // Core starts these with the option name ("baseUrl: …"); say it the way action.yml does.
    const input = error.field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    prefix = `Input "${input}": `;
    message = message.replace(new RegExp(`^${error.field}: `), '');
  }
  // Renamed in the text only, after the prefix is split off: it already names the input, quoted once.
  message = prefix + inActionWords(message);
  switch (error.code) {
    case 'network':
      return `${message} Check "base-url"/"region" and the runner's network or proxy (HTTPS_PROXY, NO_PROXY).`;
    case 'not_found':
      if (context === 'burn' || context === 'status' || context === 'post-burn') {
        return `${message} Receipts live twice the TTL, and each region or server has its own.`;
      }
      return message;
    default:
      return message;
  }
}
