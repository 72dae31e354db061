import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import {
  API_VERSIONS,
  type InputProblem,
  isOtsError,
  parseKey,
  parseTtl,
  REGIONS,
  RULES,
  validateClientOptions,
  validateGenerate,
  validateShare,
} from '../core/index.ts';
import { ActionInputError, inActionWords } from './errors.ts';
import { readRecipients } from './recipients.ts';
import { readWait, type WaitSettings } from './wait-for.ts';

/** Input names, as declared in action.yml; the only place they are spelled out. */
export const Inputs = {
  Operation: 'operation',
  Secret: 'secret',
  SecretFile: 'secret-file',
  Generate: 'generate',
  Length: 'length',
  Passphrase: 'passphrase',
  Ttl: 'ttl',
  Recipient: 'recipient',
  ShareDomain: 'share-domain',
  Region: 'region',
  BaseUrl: 'base-url',
  Username: 'username',
  ApiToken: 'api-token',
  ApiVersion: 'api-version',
  AllowInsecureHttp: 'allow-insecure-http',
  TimeoutMs: 'timeout-ms',
  ReceiptKey: 'receipt-key',
  CommentOn: 'comment-on',
  GithubToken: 'github-token',
  Summary: 'summary',
  SummaryIncludeLink: 'summary-include-link',
  BurnOnFailure: 'burn-on-failure',
  AllowUntrustedTrigger: 'allow-untrusted-trigger',
  Recipients: 'recipients',
  WaitFor: 'wait-for',
  WaitTimeout: 'wait-timeout',
  WaitInterval: 'wait-interval',
  WaitFailOnTimeout: 'wait-fail-on-timeout',
} as const;
export type InputName = (typeof Inputs)[keyof typeof Inputs];

/** Reads one input: the raw text the runner passed, untrimmed; '' when unset. */
export type InputReader = (name: InputName) => string;

export const OPERATIONS = ['share', 'burn', 'status'] as const;
export type Operation = (typeof OPERATIONS)[number];
export type Region = (typeof REGIONS)[number];
export type ApiVersion = (typeof API_VERSIONS)[number];

/** The size core's client refuses above (the action never changes maxSecretBytes); bounds the secret-file read. */
const MAX_SECRET_BYTES = RULES.maxSecretBytes.default;

/** Core's field names as this action's inputs call them. */
const INPUT_OF_FIELD: Record<string, InputName> = {
  ttl: Inputs.Ttl,
  passphrase: Inputs.Passphrase,
  recipient: Inputs.Recipient,
  shareDomain: Inputs.ShareDomain,
  length: Inputs.Length,
  region: Inputs.Region,
  baseUrl: Inputs.BaseUrl,
  username: Inputs.Username,
  apiToken: Inputs.ApiToken,
  apiVersion: Inputs.ApiVersion,
  timeoutMs: Inputs.TimeoutMs,
};

/** Core's rulebook decides; the first problem it finds becomes an ActionInputError on the input that has it. */
function throwFirst(problems: InputProblem[], secretInput: InputName = Inputs.Secret): void {
  const [problem] = problems;
  if (problem === undefined) return;
  const input = problem.field === 'secret' ? secretInput : (INPUT_OF_FIELD[problem.field] ?? problem.field);
  throw new ActionInputError(input, inActionWords(problem.message));
}

export interface Connection {
  region: Region;
  baseUrl?: string;
  username?: string;
  apiToken?: string;
  apiVersion: ApiVersion;
  allowInsecureHttp: boolean;
  /** Deadline of each call, OTS and GitHub API alike. */
  timeoutMs: number;
}

export interface Reporting {
  summary: boolean;
  summaryIncludeLink: boolean;
}

export type Payload =
  | { kind: 'secret'; value: string; from: typeof Inputs.Secret | typeof Inputs.SecretFile }
  | { kind: 'generate'; length?: number };

export interface ShareSettings {
  operation: 'share';
  payload: Payload;
  passphrase?: string;
  ttl?: number;
  recipient?: string;
  /** One link per recipient, each emailed to its recipient (recipients.ts). */
  recipients?: string[];
  /** `wait-for: received` (wait-for.ts). */
  wait?: WaitSettings;
  shareDomain?: string;
  commentOn?: { issue: number; githubToken: string };
  burnOnFailure: boolean;
  connection: Connection;
  reporting: Reporting;
}

export interface ReceiptSettings {
  operation: 'burn' | 'status';
  receiptKey: string;
  passphrase?: string;
  connection: Connection;
  reporting: Reporting;
}

export type Settings = ShareSettings | ReceiptSettings;

/** Parses and validates every input; throws ActionInputError naming the first bad input. No request is made. */
export function readSettings(read: InputReader): Settings {
  const operation = readChoice(read, Inputs.Operation, OPERATIONS, 'share');
  const connection = readConnection(read);
  const reporting = readReporting(read);
  if (operation === 'share') return readShare(read, connection, reporting);

  rejectShareOnlyInputs(read, operation);
  const receiptKey = read(Inputs.ReceiptKey).trim();
  if (receiptKey === '') {
    throw new ActionInputError(
      Inputs.ReceiptKey,
      `operation "${operation}" needs the receipt key or receipt URL of the secret (the "receipt-key" or "receipt-url" output of the share step).`,
    );
  }
  const passphrase = readPassphrase(read);
  if (operation === 'status' && passphrase !== undefined) {
    throw new ActionInputError(Inputs.Passphrase, 'is not used by operation "status"; remove it.');
  }
  return {
    operation,
    receiptKey: parseOrThrow(() => parseKey(receiptKey, Inputs.ReceiptKey, 'receipt'), Inputs.ReceiptKey),
    ...(passphrase === undefined ? {} : { passphrase }),
    connection,
    reporting,
  };
}

/** Only what a client needs; the post step reads this alone, so a share-only input cannot break the burn. */
export function readConnection(read: InputReader): Connection {
  const region = readChoice(read, Inputs.Region, REGIONS, RULES.region.default);
  const apiVersion = readChoice(read, Inputs.ApiVersion, API_VERSIONS, RULES.apiVersion.default);
  const allowInsecureHttp = readBoolean(read, Inputs.AllowInsecureHttp, false);
  const timeoutMs = readTimeoutMs(read);
  // The URL itself (scheme, credentials, plain http to a non-loopback host) is checked by the core client when
  // it is created, still before any request; its message names this input (errors.ts).
  const baseUrl = read(Inputs.BaseUrl).trim();
  const username = read(Inputs.Username).trim();
  const apiToken = read(Inputs.ApiToken).trim();
  throwFirst(validateClientOptions({ username, apiToken }));
  return {
    region,
    ...(baseUrl === '' ? {} : { baseUrl }),
    ...(username === '' ? {} : { username, apiToken }),
    apiVersion,
    allowInsecureHttp,
    timeoutMs,
  };
}

// The action's own, narrower range: a job step should neither hammer (under 1 s) nor hang (over 10 min).
export const TIMEOUT_MS = { min: 1_000, max: 600_000, default: RULES.timeoutMs.default } as const;

function readTimeoutMs(read: InputReader): number {
  const text = read(Inputs.TimeoutMs).trim();
  if (text === '') return TIMEOUT_MS.default;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < TIMEOUT_MS.min || value > TIMEOUT_MS.max) {
    throw new ActionInputError(
      Inputs.TimeoutMs,
      `expected a whole number of milliseconds from ${TIMEOUT_MS.min} to ${TIMEOUT_MS.max}, got "${text}".`,
    );
  }
  return value;
}

function readShare(read: InputReader, connection: Connection, reporting: Reporting): ShareSettings {
  if (read(Inputs.ReceiptKey).trim() !== '') {
    throw new ActionInputError(
      Inputs.ReceiptKey,
      'is used only by operations "burn" and "status"; remove it.',
    );
  }
  const payload = readPayload(read);
  const passphrase = readPassphrase(read);
  const ttlText = read(Inputs.Ttl).trim();
  const recipients = readRecipients(read, connection);
  const wait = readWait(read);
  const recipient = optional(read(Inputs.Recipient).trim());
  const domainText = optional(read(Inputs.ShareDomain).trim());
  const options = {
    ...(ttlText === '' ? {} : { ttl: ttlText }),
    ...(recipient === undefined ? {} : { recipient }),
    ...(domainText === undefined ? {} : { shareDomain: domainText }),
  };
  const account = { account: connection.username !== undefined };
  if (payload.kind === 'secret') throwFirst(validateShare(payload.value, options, account), payload.from);
  else throwFirst(validateGenerate({ ...options, ...lengthOption(payload) }, account));
  const ttl = ttlText === '' ? undefined : parseTtl(ttlText, Inputs.Ttl);
  const shareDomain = domainText?.toLowerCase();
  const commentOn = readCommentOn(read, recipient);
  if (reporting.summaryIncludeLink && recipient !== undefined) {
    throw new ActionInputError(
      Inputs.SummaryIncludeLink,
      'cannot be used with "recipient": the link goes only to the recipient, never into the workflow.',
    );
  }
  return {
    operation: 'share',
    payload,
    ...(passphrase === undefined ? {} : { passphrase }),
    ...(ttl === undefined ? {} : { ttl }),
    ...(recipient === undefined ? {} : { recipient }),
    ...(recipients === undefined ? {} : { recipients }),
    ...(wait === undefined ? {} : { wait }),
    ...(shareDomain === undefined ? {} : { shareDomain }),
    ...(commentOn === undefined ? {} : { commentOn }),
    burnOnFailure: readBoolean(read, Inputs.BurnOnFailure, false),
    connection,
    reporting,
  };
}

function readPayload(read: InputReader): Payload {
  const secret = read(Inputs.Secret);
  const secretFile = read(Inputs.SecretFile).trim();
  const generate = readBoolean(read, Inputs.Generate, false);
  const given = [
    secret !== '' ? Inputs.Secret : undefined,
    secretFile !== '' ? Inputs.SecretFile : undefined,
    generate ? `${Inputs.Generate}: true` : undefined,
  ].filter((name) => name !== undefined);
  if (given.length !== 1) {
    const found = given.length === 0 ? 'none was given' : `got ${given.map((g) => `"${g}"`).join(' and ')}`;
    throw new ActionInputError(
      'secret | secret-file | generate',
      `give exactly one of "secret" (the value), "secret-file" (a path) or "generate: true"; ${found}.`,
    );
  }
  const lengthText = read(Inputs.Length).trim();
  if (!generate) {
    if (lengthText !== '') {
      throw new ActionInputError(Inputs.Length, 'is used only with "generate: true"; remove it.');
    }
    const value = secret !== '' ? secret : readSecretFile(secretFile);
    return { kind: 'secret', value, from: secret !== '' ? Inputs.Secret : Inputs.SecretFile };
  }
  if (lengthText === '') return { kind: 'generate' };
  // Whole digits become a number for core's range check; anything else goes as text, which core refuses by name.
  return {
    kind: 'generate',
    length: /^\d{1,9}$/.test(lengthText) ? Number(lengthText) : (lengthText as never),
  };
}

function lengthOption(payload: Payload): { length?: number } {
  return payload.kind === 'generate' && payload.length !== undefined ? { length: payload.length } : {};
}

function optional(text: string): string | undefined {
  return text === '' ? undefined : text;
}

function readSecretFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readBounded(path);
  } catch (error) {
    if (error instanceof ActionInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ActionInputError(Inputs.SecretFile, `cannot read "${path}" (${code}).`);
  }
  let value: string;
  try {
    value = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ActionInputError(
      Inputs.SecretFile,
      `"${path}" is not UTF-8 text; share text (e.g. base64) instead.`,
    );
  }
  if (value === '') throw new ActionInputError(Inputs.SecretFile, `"${path}" is empty.`);
  return value;
}

/**
 * Reads at most MAX_SECRET_BYTES + 1 bytes of a regular file. Opened non-blocking so that a FIFO nobody writes to
 * cannot hang the step, and checked by fstat before reading so that /dev/zero or a huge file is refused unread.
 */
function readBounded(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new ActionInputError(
        Inputs.SecretFile,
        `"${path}" is not a regular file (a device, pipe, socket or directory); give the path of a file.`,
      );
    }
    if (stat.size > MAX_SECRET_BYTES) {
      throw new ActionInputError(
        Inputs.SecretFile,
        `"${path}" is ${stat.size} bytes; Onetime Secret accepts at most ${MAX_SECRET_BYTES} bytes. Nothing was sent.`,
      );
    }
    // The file may grow between fstat and read: one byte over the limit is enough to tell.
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function readPassphrase(read: InputReader): string | undefined {
  const passphrase = read(Inputs.Passphrase);
  if (passphrase === '') return undefined;
  // A person has to type it: surrounding whitespace is an accident, and trimming it silently would change it.
  if (passphrase.trim() !== passphrase) {
    throw new ActionInputError(
      Inputs.Passphrase,
      'starts or ends with whitespace (often a trailing newline in the stored secret); remove it.',
    );
  }
  return passphrase;
}

function readCommentOn(read: InputReader, recipient: string | undefined): ShareSettings['commentOn'] {
  const text = read(Inputs.CommentOn).trim();
  if (text === '') return undefined;
  const match = /^#?(\d+)$/.exec(text);
  const issue = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(issue) || issue < 1) {
    throw new ActionInputError(
      Inputs.CommentOn,
      `expected an issue or pull request number such as "42", got "${text}".`,
    );
  }
  if (recipient !== undefined) {
    throw new ActionInputError(
      Inputs.CommentOn,
      'cannot be used with "recipient": the link goes only to the recipient, never into the workflow.',
    );
  }
  const githubToken = read(Inputs.GithubToken).trim();
  if (githubToken === '') {
    throw new ActionInputError(Inputs.GithubToken, 'is needed to post the "comment-on" comment.');
  }
  return { issue, githubToken };
}

function readReporting(read: InputReader): Reporting {
  const summary = readBoolean(read, Inputs.Summary, true);
  const summaryIncludeLink = readBoolean(read, Inputs.SummaryIncludeLink, false);
  if (summaryIncludeLink && !summary) {
    throw new ActionInputError(Inputs.SummaryIncludeLink, 'needs "summary: true".');
  }
  return { summary, summaryIncludeLink };
}

const SHARE_ONLY = [
  Inputs.Secret,
  Inputs.SecretFile,
  Inputs.Length,
  Inputs.Ttl,
  Inputs.Recipient,
  Inputs.Recipients,
  Inputs.ShareDomain,
  Inputs.CommentOn,
  Inputs.WaitFor,
  Inputs.WaitTimeout,
  Inputs.WaitInterval,
  Inputs.WaitFailOnTimeout,
] as const;

function rejectShareOnlyInputs(read: InputReader, operation: Operation): void {
  for (const name of SHARE_ONLY) {
    if (read(name).trim() !== '') {
      throw new ActionInputError(name, `is used only by operation "share", not "${operation}"; remove it.`);
    }
  }
  for (const name of [Inputs.Generate, Inputs.BurnOnFailure] as const) {
    if (readBoolean(read, name, false)) {
      throw new ActionInputError(name, `is used only by operation "share", not "${operation}"; remove it.`);
    }
  }
  if (readBoolean(read, Inputs.SummaryIncludeLink, false)) {
    throw new ActionInputError(
      Inputs.SummaryIncludeLink,
      `is used only by operation "share", not "${operation}".`,
    );
  }
}

function readChoice<T extends string>(
  read: InputReader,
  name: InputName,
  choices: readonly T[],
  fallback: T,
): T {
  const value = read(name).trim();
  if (value === '') return fallback;
  const choice = choices.find((c) => c === value.toLowerCase());
  if (choice === undefined) {
    throw new ActionInputError(
      name,
      `expected one of ${choices.map((c) => `"${c}"`).join(', ')}, got "${value}".`,
    );
  }
  return choice;
}

/** Same words as core.getBooleanInput (YAML 1.2 core schema), but a message that names what is accepted. */
export function readBoolean(read: InputReader, name: InputName, fallback: boolean): boolean {
  const value = read(name).trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError(name, `expected "true" or "false", got "${value}".`);
}

function parseOrThrow<T>(parse: () => T, input: InputName): T {
  try {
    return parse();
  } catch (error) {
    // Core messages start with the name they were given ("ttl: …"); ours already says which input.
    if (isOtsError(error)) throw new ActionInputError(input, error.message.replace(`${input}: `, ''));
    throw error;
  }
}
