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
export type ErrorContext = 'share' | 'burn' | 'status' | 'post-burn';

/**
 * Turns any error into one line for `::error::`. Core errors never carry secrets, tokens or whole keys
 * (their `path` is already shortened), so their message can be quoted; anything else is reduced to its
 * message, never dumped as an object.
 */
export function describeError(error: unknown, context: ErrorContext): string {
  if (isOtsError(error)) return describeOtsError(error, context);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A core field or option name (baseUrl) as this action's input calls it (base-url). */
export function inputOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** A core message with core's option names replaced by this action's input names, so it points at something to set. */
export function inActionWords(message: string): string {
  return message.replace(
    /\b(baseUrl|apiToken|apiVersion|allowInsecureHttp|shareDomain|username)\b/g,
    (name) => `"${inputOf(name)}"`,
  );
}

/** Core messages start with the name they were given ("ttl: …"); the action's say which input once, up front. */
export function withoutName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}

/** Core messages already say what happened and what to check; the action only renames options and adds hints. */
function describeOtsError(error: OtsError, context: ErrorContext): string {
  let message = inActionWords(error.message);
  if (error.code === 'invalid_input' && error.field) {
    // Core starts these with the option name ("baseUrl: …"); say it the way action.yml does, quoted once.
    message = `Input "${inputOf(error.field)}": ${inActionWords(withoutName(error.message, error.field))}`;
  }
  if (error.code === 'network') {
    return `${message} Check "base-url"/"region" and the runner's network or proxy (HTTPS_PROXY, NO_PROXY).`;
  }
  if (error.code === 'not_found' && context !== 'share') {
    return `${message} Receipts live twice the TTL, and each region or server has its own.`;
  }
  return message;
}
