// Checks on what a call was given, done before any request so that a mistake costs nothing and leaks nothing.
// Each rule is one function that throws OtsInputError naming its field; the client's calls stop at the first,
// and the public validators (validate*) run every rule and return all problems, for front ends to map.
import { resolveConfig } from './config.ts';
import { OtsInputError } from './errors/kinds.ts';
import { isOtsError } from './errors/ots-error.ts';
import { checkTimeoutMs } from './http/timeout.ts';
import { type KeyKind, parseKeyInput } from './key.ts';
import type {
  CallOptions,
  GenerateOptions,
  OtsClientOptions,
  PassphraseOptions,
  ShareOptions,
  WaitOptions,
} from './options.ts';
import { RULES } from './rules.ts';
import { parseTtl } from './ttl.ts';
import { checkInterval, checkUntil } from './wait.ts';
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

export function checkSecret(secret: unknown, maxBytes: number = RULES.maxSecretBytes.default): string {
  if (typeof secret !== 'string') {
    throw new OtsInputError(`secret: must be a string, got ${secret === null ? 'null' : typeof secret}.`, {
      field: 'secret',
    });
  }
  // Whitespace alone is no credential: OTS refuses it (422) and it almost always means an unset variable.
  if (secret.trim() === '') {
    throw new OtsInputError(
      `secret: is ${secret === '' ? 'empty' : 'only whitespace'}; there is nothing to share. Give a non-blank string.`,
      { field: 'secret' },
    );
  }
  // Old servers truncate silently; a cut-off credential is worse than an error.
  if (secret.length > maxBytes / 3) {
    const bytes = Buffer.byteLength(secret, 'utf8');
    if (bytes > maxBytes) {
      throw new OtsInputError(
        `secret: is ${bytes} bytes (UTF-8); the limit is ${maxBytes} bytes (maxSecretBytes). Nothing was sent.`,
        { field: 'secret' },
      );
    }
  }
  return secret;
}

export function checkPassphrase(passphrase: unknown): string | undefined {
  if (passphrase === undefined || passphrase === null || passphrase === '') return undefined;
  if (typeof passphrase !== 'string') {
    throw new OtsInputError('passphrase: must be a string.', { field: 'passphrase' });
  }
  return passphrase;
}

function checkRecipient(recipient: unknown, account: boolean | undefined): string | undefined {
  if (recipient === undefined || recipient === '') return undefined;
  if (typeof recipient !== 'string' || !RULES.recipient.pattern.test(recipient)) {
    throw new OtsInputError(
      `recipient: is not an email address; give one address such as ${RULES.recipient.example}.`,
      { field: 'recipient' },
    );
  }
  if (account === false) {
    throw new OtsInputError(
      'recipient: OTS emails links only for an account; give a username and API token too.',
      {
        field: 'recipient',
      },
    );
  }
  return recipient;
}

function checkShareDomain(shareDomain: unknown): string | undefined {
  if (shareDomain === undefined || shareDomain === '') return undefined;
  if (typeof shareDomain !== 'string' || !RULES.shareDomain.pattern.test(shareDomain)) {
    throw new OtsInputError(
      `shareDomain: must be a host name such as ${RULES.shareDomain.example}, without https://, a port or a path.`,
      { field: 'shareDomain' },
    );
  }
  return shareDomain.toLowerCase();
}

function checkLength(length: unknown): number | undefined {
  if (length === undefined) return undefined;
  const { min, max } = RULES.length;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < min || length > max) {
    const given = typeof length === 'number' ? String(length) : JSON.stringify(String(length).slice(0, 16));
    throw new OtsInputError(`length: ${given} is not a whole number from ${min} to ${max}.`, {
      field: 'length',
    });
  }
  return length;
}

/** The create options of share and generate, checked; throws the first problem. */
export function checkCreate(options: ShareOptions & GenerateOptions, account?: boolean): CreateInput {
  const input: CreateInput = {};
  if (options.ttl !== undefined) input.ttl = parseTtl(options.ttl, 'ttl');
  const passphrase = checkPassphrase(options.passphrase);
  if (passphrase !== undefined) input.passphrase = passphrase;
  const recipient = checkRecipient(options.recipient, account);
  if (recipient !== undefined) input.recipient = recipient;
  const shareDomain = checkShareDomain(options.shareDomain);
  if (shareDomain !== undefined) input.shareDomain = shareDomain;
  const length = checkLength(options.length);
  if (length !== undefined) input.length = length;
  return input;
}

export function checkKey(keyOrUrl: unknown, kind: KeyKind): string {
  return parseKeyInput(keyOrUrl, kind === 'secret' ? 'secret key or link' : 'receipt key or link', kind).key;
}

function collect(problems: InputProblem[], rule: () => unknown): void {
  try {
    rule();
  } catch (error) {
    if (!isOtsError(error) || error.code !== 'invalid_input') throw error;
    const field = error.field ?? 'input';
    const message = error.message.startsWith(`${field}: `)
      ? error.message.slice(field.length + 2)
      : error.message;
    problems.push({ field, message });
  }
}

function createProblems(options: ShareOptions & GenerateOptions, context: ValidationContext): InputProblem[] {
  const problems: InputProblem[] = [];
  if (options.ttl !== undefined) collect(problems, () => parseTtl(options.ttl as number | string, 'ttl'));
  collect(problems, () => checkPassphrase(options.passphrase));
  collect(problems, () => checkRecipient(options.recipient, context.account));
  collect(problems, () => checkShareDomain(options.shareDomain));
  collect(problems, () => checkLength(options.length));
  collect(problems, () => checkTimeoutMs(options.timeoutMs, undefined));
  return problems;
}

/** Every problem of a share(secret, options) call; [] when the client would send it. */
export function validateShare(
  secret: unknown,
  options: ShareOptions = {},
  context: ValidationContext = {},
): InputProblem[] {
  const problems: InputProblem[] = [];
  collect(problems, () => checkSecret(secret, context.maxSecretBytes));
  return [...problems, ...createProblems(options, context)];
}

/** Every problem of a generate(options) call. */
export function validateGenerate(
  options: GenerateOptions = {},
  context: ValidationContext = {},
): InputProblem[] {
  return createProblems(options, context);
}

function keyProblems(keyOrUrl: unknown, kind: KeyKind, options: PassphraseOptions): InputProblem[] {
  const problems: InputProblem[] = [];
  collect(problems, () => checkKey(keyOrUrl, kind));
  collect(problems, () => checkPassphrase(options.passphrase));
  collect(problems, () => checkTimeoutMs(options.timeoutMs, undefined));
  return problems;
}

/** Every problem of a reveal(keyOrUrl, options) call. */
export function validateReveal(keyOrUrl: unknown, options: PassphraseOptions = {}): InputProblem[] {
  return keyProblems(keyOrUrl, 'secret', options);
}

/** Every problem of a burn(keyOrUrl, options) call. */
export function validateBurn(keyOrUrl: unknown, options: PassphraseOptions = {}): InputProblem[] {
  return keyProblems(keyOrUrl, 'receipt', options);
}

/** Every problem of a receipt(keyOrUrl, options) call (a status read of one secret). */
export function validateReceipt(keyOrUrl: unknown, options: CallOptions = {}): InputProblem[] {
  return keyProblems(keyOrUrl, 'receipt', {
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

/** Every problem of a waitForReceipt(keyOrUrl, options) call. */
export function validateWait(keyOrUrl: unknown, options: WaitOptions = {}): InputProblem[] {
  const problems = validateReceipt(keyOrUrl, options);
  collect(problems, () => checkUntil(options.until));
  collect(problems, () => checkInterval(options.intervalMs));
  return problems;
}

/** Every problem of new OtsClient(options) (resolveConfig stops at the first, so each rule is run on its own). */
export function validateClientOptions(options: OtsClientOptions = {}): InputProblem[] {
  const problems: InputProblem[] = [];
  const { region, baseUrl, allowInsecureHttp, username, apiToken, ...rest } = options;
  collect(problems, () => resolveConfig({ region, baseUrl, allowInsecureHttp } as OtsClientOptions));
  collect(problems, () => resolveConfig({ username, apiToken } as OtsClientOptions));
  for (const [name, value] of Object.entries(rest)) {
    collect(problems, () => resolveConfig({ [name]: value }));
  }
  return problems;
}
