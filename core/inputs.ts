// Checks on what a call was given, done before any request so that a mistake costs nothing and leaks nothing.
// Each rule is one function that throws OtsInputError naming its field; the client's calls stop at the first,
// and the public validators (validate*) run every rule and return all problems, for front ends to map.
import { OtsInputError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { checkTimeoutMs } from './http/timeout.ts';
import { type KeyKind, parseKeyInput } from './key.ts';
import type {
  CallOptions,
  GenerateOptions,
  PassphraseOptions,
  ShareOptions,
  WaitOptions,
} from './options.ts';
import { FINAL_STATES, RECEIPT_STATES, RULES } from './rules.ts';
import { parseTtl } from './ttl.ts';
import type { CreateInput } from './wire/api.ts';

/** One thing wrong with an input: the field as core names it, and what is accepted (never the secret). */
export interface InputProblem {
  field: string;
  message: string;
}

/** What a validator needs to know beyond the call's own arguments. Unset parts are not checked. */
export interface ValidationContext {
  /** Whether the client has an account (username and apiToken): recipient needs one. */
  account?: boolean;
  /** The client's maxSecretBytes (default RULES.maxSecretBytes.default). */
  maxSecretBytes?: number;
}

/** The error of a bad input: its message starts with the field's name, as every front end shows it. */
export const invalid = (field: string, why: string) => new OtsInputError(`${field}: ${why}`, { field });

/** Why an address that looks right is refused (RULES.recipient): the advice alone would read like the address. */
export function invisibleIn(address: unknown): string | undefined {
  const char = typeof address === 'string' ? /(?! )[\s\p{C}]/u.exec(address)?.[0] : undefined;
  const hex = char?.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
  return hex && `has an invisible character (U+${hex}), likely pasted along; give the address without it.`;
}

/**
 * A whole number in RULES[field]'s range (milliseconds for the *Ms fields), or `fallback` when unset. Anything but a
 * number is described, never quoted: it may be a secret given to the wrong option.
 */
export function checkWhole<F extends number | undefined>(
  field: {
    [K in keyof typeof RULES]: (typeof RULES)[K] extends { min: number } ? K : never;
  }[keyof typeof RULES],
  value: unknown,
  fallback: F,
): number | F {
  const { min, max }: { min: number; max?: number } = RULES[field];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= (max ?? value)) {
    return value;
  }
  const given =
    typeof value === 'number'
      ? String(value)
      : typeof value === 'string'
        ? `text of ${value.length} characters`
        : value === null
          ? 'null'
          : `a value of type ${typeof value}`;
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  const unit = field.endsWith('Ms') ? ' of milliseconds' : '';
  throw invalid(field, `${given} is not a whole number${unit} ${range}.`);
}

export function checkSecret(secret: unknown, maxBytes: number = RULES.maxSecretBytes.default): string {
  if (typeof secret !== 'string') {
    throw invalid('secret', `must be a string, got ${secret === null ? 'null' : typeof secret}.`);
  }
  // Whitespace alone is no credential: OTS refuses it (422) and it almost always means an unset variable.
  if (secret.trim() === '') {
    throw invalid(
      'secret',
      `is ${secret === '' ? 'empty' : 'only whitespace'}; there is nothing to share. Give a non-blank string.`,
    );
  }
  // Old servers truncate silently; a cut-off credential is worse than an error. (A UTF-16 unit is at most 3 bytes.)
  const bytes = secret.length > maxBytes / 3 ? Buffer.byteLength(secret, 'utf8') : 0;
  if (bytes > maxBytes) {
    throw invalid(
      'secret',
      `is ${bytes} bytes (UTF-8); the limit is ${maxBytes} bytes (maxSecretBytes). Nothing was sent.`,
    );
  }
  return secret;
}

export function checkPassphrase(passphrase: unknown): string | undefined {
  if (passphrase === undefined || passphrase === null || passphrase === '') return undefined;
  if (typeof passphrase !== 'string') throw invalid('passphrase', 'must be a string.');
  return passphrase;
}

function matching(field: 'recipient' | 'shareDomain', value: unknown, advice: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !RULES[field].pattern.test(value)) throw invalid(field, advice);
  return value;
}

// A misspelt state would never match, so the wait would run until a final state or the signal: refuse it.
export function checkUntil(until: ReadonlyArray<string> | undefined): Set<string> {
  const states: readonly string[] = RECEIPT_STATES;
  if (until === undefined) return new Set(FINAL_STATES);
  if (!Array.isArray(until) || until.length === 0) {
    throw invalid('until', `must be a non-empty list of receipt states (${states.join(', ')}).`);
  }
  const wrong = until.find((state) => !states.includes(state));
  if (wrong !== undefined) {
    throw invalid('until', `${JSON.stringify(wrong)} is not a receipt state; use ${states.join(', ')}.`);
  }
  return new Set(until);
}

export const checkKey = (keyOrUrl: unknown, kind: KeyKind) =>
  parseKeyInput(keyOrUrl, `${kind} key or link`, kind).key;

// The create options of share and generate, one rule each, named as CreateInput names what they yield.
const createRules = (options: GenerateOptions, account?: boolean) => ({
  ttl: () => (options.ttl === undefined ? undefined : parseTtl(options.ttl, 'ttl')),
  passphrase: () => checkPassphrase(options.passphrase),
  recipient: () => {
    const advice =
      invisibleIn(options.recipient) ??
      `is not an email address; give one address such as ${RULES.recipient.example}.`;
    const recipient = matching('recipient', options.recipient, advice);
    if (recipient !== undefined && account === false) {
      throw invalid('recipient', 'OTS emails links only for an account; give a username and API token too.');
    }
    return recipient;
  },
  shareDomain: () => {
    const advice = `must be a host name such as ${RULES.shareDomain.example}, without https://, a port or a path.`;
    return matching('shareDomain', options.shareDomain, advice)?.toLowerCase();
  },
  length: () => checkWhole('length', options.length, undefined),
});

/** The create options of share and generate, checked; throws the first problem. */
export function checkCreate(options: GenerateOptions, account?: boolean): CreateInput {
  const checked = Object.entries(createRules(options, account)).map(([name, rule]) => [name, rule()]);
  return Object.fromEntries(checked.filter(([, value]) => value !== undefined)) as CreateInput;
}

/** Runs every rule and returns the problems, each message without its leading "field: ". */
export function problemsOf(...rules: Array<() => unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const rule of rules) {
    try {
      rule();
    } catch (error) {
      if (!isOtsError(error) || error.code !== 'invalid_input') throw error;
      const field = error.field ?? 'input';
      const prefix = `${field}: `;
      const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      problems.push({ field, message });
    }
  }
  return problems;
}

const timeoutRule = (options: CallOptions) => () => checkTimeoutMs(options.timeoutMs, undefined);
const createProblems = (options: GenerateOptions, context: ValidationContext) => [
  ...Object.values(createRules(options, context.account)),
  timeoutRule(options),
];
const keyProblems = (keyOrUrl: unknown, kind: KeyKind, options: CallOptions, passphrase?: unknown) =>
  problemsOf(
    () => checkKey(keyOrUrl, kind),
    () => checkPassphrase(passphrase),
    timeoutRule(options),
  );

/** Every problem of a share(secret, options) call; [] when the client would send it. */
export const validateShare = (secret: unknown, options: ShareOptions = {}, context: ValidationContext = {}) =>
  problemsOf(() => checkSecret(secret, context.maxSecretBytes), ...createProblems(options, context));

/** Every problem of a generate(options) call. */
export const validateGenerate = (options: GenerateOptions = {}, context: ValidationContext = {}) =>
  problemsOf(...createProblems(options, context));

/** Every problem of a reveal(keyOrUrl, options) call. */
export const validateReveal = (keyOrUrl: unknown, options: PassphraseOptions = {}) =>
  keyProblems(keyOrUrl, 'secret', options, options.passphrase);

/** Every problem of a burn(keyOrUrl, options) call. */
export const validateBurn = (keyOrUrl: unknown, options: PassphraseOptions = {}) =>
  keyProblems(keyOrUrl, 'receipt', options, options.passphrase);

/** Every problem of a receipt(keyOrUrl, options) call (a status read of one secret). */
export const validateReceipt = (keyOrUrl: unknown, options: CallOptions = {}) =>
  keyProblems(keyOrUrl, 'receipt', options);

/** Every problem of a waitForReceipt(keyOrUrl, options) call. */
export const validateWait = (keyOrUrl: unknown, options: WaitOptions = {}) =>
  problemsOf(
    () => checkKey(keyOrUrl, 'receipt'),
    timeoutRule(options),
    () => checkUntil(options.until),
    () => checkWhole('intervalMs', options.intervalMs, RULES.intervalMs.default),
  );
