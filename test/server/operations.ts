import type { Caller } from './accounts.ts';
import { type Params, str } from './http/params.ts';
import { hashPassphrase, verifyPassphrase } from './passphrase.ts';
import { characterSetsFrom, DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import { FailedPassphraseLimiter } from './rate-limit.ts';
import { isEmail, obscureEmail, recipientList, scanEmail } from './recipients.ts';
import { accountOf, custidOf, maxTtlOf, type ServerState } from './state.ts';
import type { Receipt, SecretKind, StoredSecret } from './store.ts';
import { resolveTtl, rubyToI } from './ttl.ts';

// Domain operations shared by API v1 and v2; the era presenters turn their outcomes into wire formats.

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
    return size.kind === 'reject' && Buffer.byteLength(d.value, 'utf8') > size.bytes
      ? fail('too-large', `Secret value exceeds the maximum size of ${size.bytes} bytes`, 'secret')
      : undefined;
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
    kind,
    value: generated ?? str(params.secret) ?? '',
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

  const ttl = resolveTtl(params.ttl, maxTtlOf(caller));
  const recipientsSafe = recipients.map(obscureEmail);
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

export type RevealOutcome =
  | { kind: 'revealed'; value: string; secret: StoredSecret; receipt: Receipt | undefined }
  /** The passphrase was right (or not needed) but the caller did not confirm with continue=true. */
  | { kind: 'withheld'; secret: StoredSecret }
  | { kind: 'unknown' }
  | { kind: 'wrong-passphrase'; secret: StoredSecret }
  | { kind: 'rate-limited'; retryAfter: number };

/**
 * Who is asking, and through which API: main's v2 knows the client address (a per-client lock
 * tier) and counts every wrong passphrase; its v1 has no address and counts only non-empty ones.
 */
export interface Client {
  address: string;
  api: 'v1' | 'v2';
}

function lockTier(client: Client): string | undefined {
  return client.api === 'v2' ? client.address : undefined;
}

/**
 * The one-time read. A missing or wrong passphrase leaves the secret in place. Failures are
 * counted per (client, custid) on v0.23 and per secret (and client, on v2) on main.
 */
export function revealSecret(
  state: ServerState,
  caller: Caller,
  secretKey: string,
  passphrase: string,
  client: Client,
  confirmed = true,
): RevealOutcome {
  const secret = state.store.secret(secretKey);
  if (!secret) return { kind: 'unknown' };
  const v023 = state.era.name === 'v0.23';
  const tier = lockTier(client);
  if (v023 && client.api === 'v1') state.store.markSecretViewed(secret);
  if (secret.passphraseHash !== undefined) {
    if (!v023) {
      const wait = state.lockout.lockedFor(secret.key, tier);
      if (wait !== undefined) return { kind: 'rate-limited', retryAfter: wait };
    }
    const correct = passphrase !== '' && verifyPassphrase(passphrase, secret.passphraseHash);
    if (!correct) {
      if (v023) {
        const limited = state.failedPassphrases.fail(`${client.address}|${custidOf(caller)}`);
        if (limited) return { kind: 'rate-limited', retryAfter: FailedPassphraseLimiter.WINDOW };
      } else if (passphrase !== '' || client.api === 'v2') {
        state.lockout.fail(secret.key, tier);
      }
      return { kind: 'wrong-passphrase', secret };
    }
    if (!v023) state.lockout.clear(secret.key, tier);
  }
  if (!confirmed) return { kind: 'withheld', secret };
  const receipt = state.store.receiptOf(secret);
  const value = state.store.consume(secret);
  // OTS counts a secret as "shared" when its recipient reads it.
  const owner = state.accounts.get(secret.owner);
  if (owner) owner.stats.secretsShared++;
  return { kind: 'revealed', value, secret, receipt };
}

export type BurnOutcome =
  | { kind: 'burned'; before: Receipt; receipt: Receipt }
  | { kind: 'unknown-receipt' }
  | { kind: 'secret-gone'; receipt: Receipt }
  /** The passphrase was right (or not needed) but the caller did not confirm with continue. */
  | { kind: 'withheld'; receipt: Receipt }
  | { kind: 'wrong-passphrase' }
  | { kind: 'rate-limited'; retryAfter: number };

export function burnReceipt(
  state: ServerState,
  receiptKey: string,
  passphrase: string,
  client: Client,
  confirmed = true,
): BurnOutcome {
  const receipt = state.store.receipt(receiptKey);
  if (!receipt) return { kind: 'unknown-receipt' };
  const secret = state.store.secretOf(receipt);
  if (!secret) return { kind: 'secret-gone', receipt };
  const current = state.era.name === 'current';
  const tier = lockTier(client);
  if (secret.passphraseHash !== undefined) {
    const wait = current ? state.lockout.lockedFor(secret.key, tier) : undefined;
    if (wait !== undefined) return { kind: 'rate-limited', retryAfter: wait };
    if (passphrase === '' || !verifyPassphrase(passphrase, secret.passphraseHash)) {
      if (current) state.lockout.fail(secret.key, tier);
      return { kind: 'wrong-passphrase' };
    }
    if (current) state.lockout.clear(secret.key, tier);
  }
  if (!confirmed) return { kind: 'withheld', receipt };
  const before = { ...receipt, recipients: [...receipt.recipients] };
  state.store.burn(receipt);
  const owner = state.accounts.get(receipt.owner);
  if (owner) owner.stats.secretsBurned++;
  return { kind: 'burned', before, receipt };
}

const GENERATED_VALUE_DISPLAY_TTL = 60;

/**
 * The plaintext a receipt read may show, only ever for a passphrase-less secret. v0.23: on the
 * first read of a new receipt. main: only a generated value, once (the claim is recorded), within
 * 60 s of creation.
 */
export function valueShownOnReceipt(
  state: ServerState,
  receipt: Receipt,
  secret: StoredSecret | undefined,
): string | undefined {
  // Without the passphrase the server cannot decrypt the value, so a passphrase secret never shows.
  if (!secret || receipt.state !== 'new' || secret.passphraseHash !== undefined) return undefined;
  if (state.era.name === 'v0.23') return secret.value;
  const fresh = state.store.now() - receipt.created < GENERATED_VALUE_DISPLAY_TTL;
  if (receipt.kind !== 'generate' || receipt.valueDisplayClaimed || !fresh) return undefined;
  receipt.valueDisplayClaimed = true;
  return secret.value;
}
