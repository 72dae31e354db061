import type { Caller } from '../accounts.ts';
import { type Params, str } from '../http/params.ts';
import { hashPassphrase } from '../passphrase.ts';
import { characterSetsFrom, DEFAULT_PASSWORD_LENGTH, generatePassword } from '../password.ts';
import { isEmail, obscureEmail, recipientList, scanEmail } from '../recipients.ts';
import { accountOf, custidOf, maxTtlOf, type ServerState } from '../state.ts';
import type { Receipt, SecretKind, StoredSecret } from '../store.ts';
import { resolveTtl, rubyToI } from '../ttl.ts';

// Creating a secret (share, generate, conceal): parameters, validations in each era's order, storage.

export type CreateErrorCode =
  | 'nothing-to-share'
  | 'passphrase-too-short'
  | 'passphrase-too-long'
  | 'account-required'
  | 'undeliverable'
  | 'unknown-domain'
  | 'domain-forbidden'
  | 'length-too-long'
  | 'too-large'
  /** OTS itself fails (e.g. its generator on a length of 0): the era's generic server error. */
  | 'unexpected';

export interface CreateError {
  code: CreateErrorCode;
  message: string;
  /** The field and error_type main's v2 names for this error, where it names them. */
  field?: string;
  errorType?: string;
}

export interface Created {
  secret: StoredSecret;
  receipt: Receipt;
  /** The generated password (generate only). */
  value: string | undefined;
  recipients: string[];
  recipientsSafe: string[];
}

export interface CreateInput {
  kind: SecretKind;
  params: Params;
  api: 'v1' | 'v2';
}

/**
 * main's v1 keeps each recipient as given (and refuses what is not an address); v0.23 and main's
 * v2 keep only the address found in each entry and silently drop entries without one.
 */
function recipientsOf(state: ServerState, api: 'v1' | 'v2', raw: unknown): string[] {
  const entries = recipientList(raw);
  if (state.era.name === 'current' && api === 'v1') return entries;
  return [...new Set(entries.map(scanEmail).filter((e): e is string => e !== undefined))];
}

/** Ruby 3.4's inspect of a params value: {"a" => "b"}, ["x"], "text" (JSON-style string escapes suffice here). */
function rubyInspect(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} => ${rubyInspect(v)}`);
    return `{${pairs.join(', ')}}`;
  }
  return JSON.stringify(str(value) ?? '');
}

/**
 * The value to store. main's v1 takes payload['secret'] as it is and stores its text, so nested
 * secret[...] params become the Ruby hash's text; everywhere else only a plain value counts.
 */
function secretText(state: ServerState, api: 'v1' | 'v2', raw: unknown): string {
  const plain = str(raw);
  if (plain !== undefined) return plain;
  if (state.era.name === 'current' && api === 'v1' && raw !== null && typeof raw === 'object') {
    return rubyInspect(raw);
  }
  return '';
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** OTS ignores a share_domain that is not a domain name at all, or is the site's own host. */
function shareDomainOf(state: ServerState, raw: unknown): string {
  const domain = (str(raw) ?? '').trim().toLowerCase();
  if (!DOMAIN.test(domain)) return '';
  return domain === new URL(state.site.url).hostname ? '' : domain;
}

const V023_MAX_GENERATED_LENGTH = 10_000;
const CURRENT_MAX_GENERATED_LENGTH = 128;

/**
 * The requested length: missing → 12; anything else through to_i. main refuses more than 128;
 * v0.23 had no maximum (capped here at 10,000 so a test cannot exhaust memory). A length that is
 * not positive makes OTS's generator raise, which both eras answer as an unexpected error.
 */
function generatedLength(state: ServerState, raw: unknown): number | CreateError {
  const length = raw === undefined || raw === null ? DEFAULT_PASSWORD_LENGTH : rubyToI(raw);
  if (state.era.name === 'current' && length > CURRENT_MAX_GENERATED_LENGTH) {
    return fail(
      'length-too-long',
      `Generated password length must be no more than ${CURRENT_MAX_GENERATED_LENGTH} characters`,
      'length',
    );
  }
  if (length <= 0) return fail('unexpected', 'An unexpected error occurred :[');
  return Math.min(length, V023_MAX_GENERATED_LENGTH);
}

function sizeLimitChars(state: ServerState, caller: Caller): number {
  const size = state.era.size;
  if (size.kind !== 'truncate') return Number.POSITIVE_INFINITY;
  const account = accountOf(caller);
  if (!account) return size.anonymous;
  return account.plan === 'basic' ? size.basic : size.identity;
}

function truncateChars(value: string, limit: number): { value: string; truncated: boolean } {
  if (value.length <= limit) return { value, truncated: false };
  const chars = Array.from(value);
  if (chars.length <= limit) return { value, truncated: false };
  return { value: chars.slice(0, limit).join(''), truncated: true };
}

function fail(code: CreateErrorCode, message: string, field?: string, errorType?: string): CreateError {
  return { code, message, ...(field ? { field } : {}), ...(errorType ? { errorType } : {}) };
}

interface Draft {
  api: 'v1' | 'v2';
  kind: SecretKind;
  value: string;
  passphrase: string;
  recipients: string[];
  shareDomain: string;
}

/** The create validations, each answering the first problem it finds. */
const CHECKS = {
  secret: (_state: ServerState, _caller: Caller, d: Draft) =>
    d.kind === 'conceal' && d.value.trim() === ''
      ? fail('nothing-to-share', 'You did not provide anything to share', 'secret', 'missing')
      : undefined,
  size: (state: ServerState, _caller: Caller, d: Draft) => {
    const size = state.era.size;
    if (size.kind !== 'reject' || Buffer.byteLength(d.value, 'utf8') <= size.bytes) return undefined;
    // main's v1 and v2 word the same byte limit differently (v2: lib/onetime/logic/base.rb).
    return d.api === 'v2'
      ? fail('too-large', `Secret content must be no more than ${size.bytes} bytes long`, 'secret')
      : fail('too-large', `Secret value exceeds the maximum size of ${size.bytes} bytes`, 'secret');
  },
  recipient: (_state: ServerState, caller: Caller, d: Draft) => {
    if (d.recipients.length > 0 && caller.kind !== 'account') {
      return fail(
        'account-required',
        'An account is required to send emails.',
        'recipient',
        'requires_account',
      );
    }
    const bad = d.recipients.find((r) => !isEmail(r));
    return bad === undefined
      ? undefined
      : fail('undeliverable', `Undeliverable email address: ${bad}`, 'recipient', 'invalid_email');
  },
  domain: (state: ServerState, caller: Caller, d: Draft) => {
    if (d.shareDomain === '') return undefined;
    // main refuses share domains to anonymous callers before looking the domain up.
    if (state.era.name === 'current' && caller.kind !== 'account') {
      return fail('domain-forbidden', `You do not have permission to use domain: ${d.shareDomain}`);
    }
    return state.domains.has(d.shareDomain)
      ? undefined
      : fail('unknown-domain', `Unknown domain: ${d.shareDomain}`);
  },
  passphrase: (state: ServerState, _caller: Caller, d: Draft) => {
    const { passphraseMinLength: min, passphraseMaxLength: max } = state.era;
    if (d.passphrase === '') return undefined;
    if (d.passphrase.length < min)
      return fail('passphrase-too-short', `Passphrase must be at least ${min} characters long`);
    if (max !== undefined && d.passphrase.length > max) {
      return fail('passphrase-too-long', `Passphrase must be no more than ${max} characters long`);
    }
    return undefined;
  },
};

/** main validates size, recipients, domain and passphrase before noticing that the secret is missing. */
const CHECK_ORDER: Record<ServerState['era']['name'], Array<keyof typeof CHECKS>> = {
  'v0.23': ['secret', 'passphrase', 'recipient', 'domain'],
  current: ['size', 'recipient', 'domain', 'passphrase', 'secret'],
};

export function createSecret(state: ServerState, caller: Caller, input: CreateInput): Created | CreateError {
  const { params, kind } = input;
  let generated: string | undefined;
  if (kind === 'generate') {
    const length = generatedLength(state, params.length);
    if (typeof length !== 'number') return length;
    generated = generatePassword(length, characterSetsFrom(params.character_sets));
  }
  const draft: Draft = {
    api: input.api,
    kind,
    value: generated ?? secretText(state, input.api, params.secret),
    passphrase: str(params.passphrase) ?? '',
    recipients: recipientsOf(state, input.api, params.recipient),
    shareDomain: shareDomainOf(state, params.share_domain),
  };
  for (const name of CHECK_ORDER[state.era.name]) {
    const problem = CHECKS[name](state, caller, draft);
    if (problem) return problem;
  }
  const { passphrase, recipients, shareDomain } = draft;
  let { value } = draft;
  let truncated = false;
  if (state.era.size.kind === 'truncate') {
    ({ value, truncated } = truncateChars(value, sizeLimitChars(state, caller)));
  }

  const ttl = resolveTtl(params.ttl, maxTtlOf(state, caller, input.api));
  const recipientsSafe = recipients.map((r) => obscureEmail(r, state.era.name === 'current' ? 3 : 5));
  const { secret, receipt } = state.store.create({
    value,
    passphraseHash: passphrase === '' ? undefined : hashPassphrase(passphrase),
    ttl,
    owner: custidOf(caller),
    recipients: recipientsSafe,
    shareDomain,
    kind,
    truncated,
  });
  const account = accountOf(caller);
  if (account) account.stats.secretsCreated++;
  return { secret, receipt, value: generated, recipients, recipientsSafe };
}

export function isCreateError(outcome: Created | CreateError): outcome is CreateError {
  return 'code' in outcome;
}
