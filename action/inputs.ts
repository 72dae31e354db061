// Every input is read and checked here, before any request. Core's rulebook (RULES, validate*) decides what a
// value may be; this file reads the runner's text, names core's fields as action.yml does, and adds the rules
// that span this action's own inputs.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  checkRecipients,
  formatDuration,
  type HandOverRequest,
  type InputProblem,
  isOtsError,
  type OtsClientOptions,
  parseKey,
  parseTtl,
  RULES,
  validateClientOptions,
  validateGenerate,
  validateShare,
} from '../core/index.ts';
import { ActionInputError, inActionWords, inputOf, withoutName } from './errors.ts';

interface Spec {
  /** Used only by operation "share": burn and status refuse it (a flag only when true). */
  share?: true;
  /** Used only with this (`input: value`): refused when that input is not given. */
  needs?: string;
  /** Read untrimmed: the value reaches Onetime Secret byte for byte. */
  raw?: true;
  /** A credential: masked, as given and trimmed, before anything else happens. */
  sensitive?: true;
  /** A true/false input, and its default. */
  flag?: boolean;
  choices?: readonly string[];
  default?: string;
}

/** The inputs of action.yml (the only place their names are listed) and how each is read. */
export const INPUTS = {
  operation: { choices: ['share', 'burn', 'status'], default: 'share' },
  secret: { share: true, raw: true, sensitive: true },
  'secret-file': { share: true },
  generate: { share: true, flag: false },
  length: { share: true, needs: 'generate: true' },
  passphrase: { raw: true, sensitive: true },
  ttl: { share: true },
  recipient: { share: true },
  recipients: { share: true },
  'share-domain': { share: true },
  region: RULES.region,
  'base-url': {},
  username: {},
  'api-token': { sensitive: true },
  'api-version': RULES.apiVersion,
  'allow-insecure-http': { flag: false },
  'timeout-ms': {},
  'receipt-key': { sensitive: true },
  'comment-on': { share: true },
  'github-token': { sensitive: true },
  summary: { flag: true },
  'summary-include-link': { share: true, flag: false },
  'burn-on-failure': { share: true, flag: false },
  'allow-untrusted-trigger': { flag: false },
  'wait-for': { share: true },
  'wait-timeout': { share: true, needs: 'wait-for: received' },
  'wait-interval': { share: true, needs: 'wait-for: received' },
  'wait-fail-on-timeout': { share: true, needs: 'wait-for: received', flag: true },
} as const satisfies Record<string, Spec>;
export type InputName = keyof typeof INPUTS;

// A link that goes to recipients by email must never pass through the workflow.
const TO_RECIPIENTS = 'give every address in "recipients"; each link goes only to its recipient.';
const TO_RECIPIENT = 'the link goes only to the recipient, never into the workflow.';
/** Inputs refused together: the first is named, with why. */
const EXCLUSIVE: Array<[InputName, InputName, string]> = [
  ['recipients', 'recipient', TO_RECIPIENTS],
  ['recipients', 'comment-on', TO_RECIPIENTS],
  ['summary-include-link', 'recipients', 'each link goes only to its recipient, never into the workflow.'],
  ['comment-on', 'recipient', TO_RECIPIENT],
  ['summary-include-link', 'recipient', TO_RECIPIENT],
];

/** The inputs whose spec passes `test`, in action.yml order. */
export function inputsWhere(test: (spec: Spec) => unknown): InputName[] {
  return (Object.keys(INPUTS) as InputName[]).filter((name) => test(INPUTS[name]));
}

/** Reads one input: the raw text the runner passed, untrimmed; '' when unset. */
export type InputReader = (name: InputName) => string;

/** The action's own limits, narrower than core's; action.yml states them (test/action/docs.test.ts). */
export const LIMITS = {
  // A job step should neither hammer (under 1 s) nor hang (over 10 min).
  'timeout-ms': { min: 1_000, max: 600_000, default: RULES.timeoutMs.default },
  // A GitHub-hosted job ends after 6 hours; a longer wait could never finish. Seconds.
  'wait-timeout': { min: 1, max: 6 * 3600, default: 3600 },
  'wait-interval': { min: 1, max: 3600, default: 10 },
} as const;

export type Connection = ReturnType<typeof readConnection>;
export type ShareSettings = ReturnType<typeof readShare>;
export type ReceiptSettings = ReturnType<typeof readReceiptOperation>;
export type Settings = ShareSettings | ReceiptSettings;
export type WaitSettings = NonNullable<ReturnType<typeof readWait>>;

/** Parses and validates every input; throws ActionInputError naming the first bad input. No request is made. */
export function readSettings(read: InputReader) {
  const operation = choice(read, 'operation');
  const connection = readConnection(read);
  const summary = flag(read, 'summary');
  const summaryIncludeLink = flag(read, 'summary-include-link');
  if (summaryIncludeLink && !summary) {
    throw new ActionInputError('summary-include-link', 'needs "summary: true".');
  }
  const common = { connection, summary, summaryIncludeLink };
  return operation === 'share' ? readShare(read, common) : readReceiptOperation(read, operation, common);
}

/** The client's options only; the post step reads these alone, so a share-only input cannot break the burn. */
export function readConnection(read: InputReader) {
  const region = choice(read, 'region');
  const apiVersion = choice(read, 'api-version');
  const allowInsecureHttp = flag(read, 'allow-insecure-http');
  const { min, max, default: fallback } = LIMITS['timeout-ms'];
  const timeoutText = read('timeout-ms').trim() || String(fallback);
  const timeoutMs = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeoutMs < min || timeoutMs > max) {
    throw new ActionInputError(
      'timeout-ms',
      `expected a whole number of milliseconds from ${min} to ${max}, got "${timeoutText}".`,
    );
  }
  // The URL itself (scheme, credentials, plain http to a non-loopback host) is checked by the core client when
  // it is created, still before any request; its message names this input (errors.ts).
  const baseUrl = optional(read('base-url'));
  const username = optional(read('username'));
  const apiToken = read('api-token').trim();
  throwFirst(validateClientOptions({ username, apiToken }));
  return {
    // Core refuses a region together with a base URL; the input has a default, so it gives way here.
    region: baseUrl === undefined ? region : undefined,
    baseUrl,
    username,
    apiToken: username === undefined ? undefined : apiToken,
    apiVersion,
    allowInsecureHttp,
    /** Deadline of each call, OTS and GitHub API alike. */
    timeoutMs,
    userAgent: 'ots-handoff-action',
  } satisfies OtsClientOptions;
}

type Common = { connection: Connection; summary: boolean; summaryIncludeLink: boolean };

function readReceiptOperation(read: InputReader, operation: 'burn' | 'status', common: Common) {
  for (const name of inputsWhere((spec) => spec.share)) {
    if (given(read, name)) {
      throw new ActionInputError(name, `is used only by operation "share", not "${operation}"; remove it.`);
    }
  }
  const receiptKey = read('receipt-key').trim();
  if (receiptKey === '') {
    throw new ActionInputError(
      'receipt-key',
      `operation "${operation}" needs the receipt key or receipt URL of the secret (the "receipt-key" or "receipt-url" output of the share step).`,
    );
  }
  const passphrase = readPassphrase(read);
  if (operation === 'status' && passphrase !== undefined) {
    throw new ActionInputError('passphrase', 'is not used by operation "status"; remove it.');
  }
  const key = parseOrThrow('receipt-key', () => parseKey(receiptKey, 'receipt-key', 'receipt'));
  return { operation, receiptKey: key, passphrase, ...common };
}

function readShare(read: InputReader, common: Common) {
  if (read('receipt-key').trim() !== '') {
    throw new ActionInputError('receipt-key', 'is used only by operations "burn" and "status"; remove it.');
  }
  const sources = (['secret', 'secret-file', 'generate'] as const).filter((name) => given(read, name));
  if (sources.length !== 1) {
    const names = sources.map((name) => (name === 'generate' ? '"generate: true"' : `"${name}"`));
    const found = sources.length === 0 ? 'none was given' : `got ${names.join(' and ')}`;
    throw new ActionInputError(
      'secret | secret-file | generate',
      `give exactly one of "secret" (the value), "secret-file" (a path) or "generate: true"; ${found}.`,
    );
  }
  for (const name of inputsWhere((spec) => spec.needs)) {
    const needs = (INPUTS[name] as Spec).needs ?? '';
    if (given(read, name) && !given(read, needs.split(':')[0] as InputName)) {
      throw new ActionInputError(name, `is used only with "${needs}"; remove it.`);
    }
  }
  for (const [name, other, why] of EXCLUSIVE) {
    if (given(read, name) && given(read, other)) {
      throw new ActionInputError(name, `cannot be used with "${other}": ${why}`);
    }
  }
  const secret = read('secret');
  const value = sources[0] === 'generate' ? undefined : secret || readSecretFile(read('secret-file').trim());
  const lengthText = read('length').trim();
  const passphrase = readPassphrase(read);
  const ttl = optional(read('ttl'));
  const recipients = readRecipients(read, common.connection);
  const wait = readWait(read);
  const recipient = optional(read('recipient'));
  const shareDomain = optional(read('share-domain'));
  const options = { ttl, recipient, shareDomain };
  const account = { account: common.connection.username !== undefined };
  // Whole digits become a number for core's range check; anything else goes as text, which core refuses by name.
  const length = /^\d{1,9}$/.test(lengthText) ? Number(lengthText) : (optional(lengthText) as never);
  if (value === undefined) throwFirst(validateGenerate({ ...options, length }, account));
  else throwFirst(validateShare(value, options, account), secret ? 'secret' : 'secret-file');
  const shared = {
    ttl: ttl === undefined ? undefined : parseTtl(ttl, 'ttl'),
    passphrase,
    recipient,
    shareDomain: shareDomain?.toLowerCase(),
  };
  const request: HandOverRequest =
    value === undefined ? { generate: true, length, ...shared } : { secret: value, ...shared };
  return {
    operation: 'share' as const,
    request,
    /** The value came from secret-file, where a trailing line break is easy to miss. */
    fromFile: value !== undefined && !secret,
    /** One link per recipient, each emailed to its recipient (recipients.ts). */
    recipients,
    wait,
    commentOn: readCommentOn(read),
    burnOnFailure: flag(read, 'burn-on-failure'),
    ...common,
  };
}

/** `recipients`: one address per line or comma-separated; why each gets a link of their own: recipients.ts. */
function readRecipients(read: InputReader, connection: Connection): string[] | undefined {
  const text = read('recipients').trim();
  if (text === '') return undefined;
  // Blank lines, a trailing comma and whitespace around a separator are layout, not addresses.
  const list = text.split(/\s*[\n,]\s*/).filter((entry) => entry !== '');
  parseOrThrow('recipients', () => checkRecipients(list));
  if (connection.username === undefined) {
    throw new ActionInputError(
      'recipients',
      'email delivery needs an Onetime Secret account: set "username" and "api-token".',
    );
  }
  return list;
}

/** `wait-for: received`: keep the step running until every link it created is opened. */
function readWait(read: InputReader) {
  const waitFor = read('wait-for').trim();
  if (waitFor === '') return undefined;
  if (waitFor.toLowerCase() !== 'received') {
    throw new ActionInputError(
      'wait-for',
      `expected "received" (wait until every link is opened) or nothing, got "${waitFor}".`,
    );
  }
  return {
    timeoutSeconds: readSeconds(read, 'wait-timeout'),
    intervalSeconds: readSeconds(read, 'wait-interval'),
    failOnTimeout: flag(read, 'wait-fail-on-timeout'),
  };
}

function readSeconds(read: InputReader, name: 'wait-timeout' | 'wait-interval'): number {
  const { min, max, default: fallback } = LIMITS[name];
  const text = read(name).trim();
  if (text === '') return fallback;
  const seconds = parseOrThrow(name, () => parseTtl(text, name));
  if (seconds < min || seconds > max) {
    throw new ActionInputError(
      name,
      `expected ${formatDuration(min)} to ${formatDuration(max)}, got "${text}" (${formatDuration(seconds)}).`,
    );
  }
  return seconds;
}

/**
 * The exact content of secret-file, at most maxSecretBytes + 1 bytes of a regular file. Opened non-blocking so that
 * a FIFO nobody writes to cannot hang the step, and checked by fstat before reading so that /dev/zero or a huge
 * file is refused unread.
 */
function readSecretFile(path: string): string {
  const max = RULES.maxSecretBytes.default;
  const refuse = (why: string) => new ActionInputError('secret-file', `"${path}" ${why}`);
  let fd: number | undefined;
  let bytes: Buffer;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw refuse('is not a regular file (a device, pipe, socket or directory); give the path of a file.');
    }
    if (stat.size > max) {
      throw refuse(`is ${stat.size} bytes; Onetime Secret accepts at most ${max} bytes. Nothing was sent.`);
    }
    // The file may grow between fstat and read: one byte over the limit is enough to tell (core refuses it).
    const buffer = Buffer.alloc(max + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    bytes = buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ActionInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ActionInputError('secret-file', `cannot read "${path}" (${code}).`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!isUtf8(bytes)) throw refuse('is not UTF-8 text; share text (e.g. base64) instead.');
  // ignoreBOM: a leading byte-order mark is part of the file, and so of the secret, as in the CLI (share.ts says so).
  const value = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (value === '') throw refuse('is empty.');
  return value;
}

function readPassphrase(read: InputReader): string | undefined {
  const passphrase = read('passphrase');
  // A person has to type it: surrounding whitespace is an accident, and trimming it silently would change it.
  if (passphrase.trim() !== passphrase) {
    throw new ActionInputError(
      'passphrase',
      'starts or ends with whitespace (often a trailing newline in the stored secret); remove it.',
    );
  }
  return optional(passphrase);
}

function readCommentOn(read: InputReader) {
  const text = read('comment-on').trim();
  if (text === '') return undefined;
  const issue = Number(/^#?(\d+)$/.exec(text)?.[1]);
  if (!Number.isSafeInteger(issue) || issue < 1) {
    throw new ActionInputError(
      'comment-on',
      `expected an issue or pull request number such as "42", got "${text}".`,
    );
  }
  const githubToken = read('github-token').trim();
  if (githubToken === '') {
    throw new ActionInputError('github-token', 'is needed to post the "comment-on" comment.');
  }
  return { issue, githubToken };
}

type Choice<N extends InputName> = (typeof INPUTS)[N] extends { choices: readonly (infer C)[] } ? C : never;

/** One of the input's choices, any case; its default when unset. */
function choice<N extends InputName>(read: InputReader, name: N): Choice<N> {
  const { choices = [], default: fallback }: Spec = INPUTS[name];
  const value = read(name).trim() || (fallback ?? '');
  const found = choices.find((c) => c === value.toLowerCase());
  if (found === undefined) {
    throw new ActionInputError(
      name,
      `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got "${value}".`,
    );
  }
  return found as Choice<N>;
}

/** Whether an input was given: a text input when not blank, a false-by-default flag when true. */
function given(read: InputReader, name: InputName): boolean {
  const spec: Spec = INPUTS[name];
  return spec.flag === false ? flag(read, name) : (spec.raw ? read(name) : read(name).trim()) !== '';
}

/** Same words as core.getBooleanInput (YAML 1.2 core schema), but a message that names what is accepted. */
export function flag(read: InputReader, name: InputName): boolean {
  const value = read(name).trim();
  if (value === '') return (INPUTS[name] as Spec).flag === true;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(name, `expected "true" or "false", got "${value}".`);
}

const optional = (text: string) => text.trim() || undefined;

/** Core's rulebook decides; the first problem it finds becomes an ActionInputError on the input that has it. */
function throwFirst(problems: InputProblem[], secretInput: InputName = 'secret'): void {
  const [problem] = problems;
  if (problem === undefined) return;
  const input = problem.field === 'secret' ? secretInput : inputOf(problem.field);
  throw new ActionInputError(input, inActionWords(problem.message));
}

/** Runs a core parser on one input; its error names the input once ("recipients[1]: …" becomes "entry 2: …"). */
function parseOrThrow<T>(input: InputName, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!isOtsError(error)) throw error;
    const message = withoutName(error.message, input).replace(
      new RegExp(`^${input}\\[(\\d+)\\]: `),
      (_, index: string) => `entry ${Number(index) + 1}: `,
    );
    throw new ActionInputError(input, message);
  }
}
