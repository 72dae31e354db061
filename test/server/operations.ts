import type { Caller } from './accounts.ts';
import { type Params, str } from './http/params.ts';
import { hashPassphrase, verifyPassphrase } from './passphrase.ts';
import { characterSetsFrom, DEFAULT_PASSWORD_LENGTH, generatePassword } from './password.ts';
import { isEmail, obscureEmail, recipientList } from './recipients.ts';
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
  | 'too-large';

export interface CreateError {
  code: CreateErrorCode;
  message: string;
  field: string;
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
}

const V023_MAX_GENERATED_LENGTH = 10_000;
const CURRENT_MAX_GENERATED_LENGTH = 128;

function generatedLength(state: ServerState, raw: unknown): number {
  const length = raw === undefined || raw === null || raw === '' ? DEFAULT_PASSWORD_LENGTH : rubyToI(raw);
  if (length <= 0) return DEFAULT_PASSWORD_LENGTH;
  const max = state.era.name === 'current' ? CURRENT_MAX_GENERATED_LENGTH : V023_MAX_GENERATED_LENGTH;
  return Math.min(length, max);
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

export function createSecret(state: ServerState, caller: Caller, input: CreateInput): Created | CreateError {
  const { params, kind } = input;
  const fail = (code: CreateErrorCode, message: string, field: string): CreateError => ({
    code,
    message,
    field,
  });

  let value: string;
  let generated: string | undefined;
  if (kind === 'generate') {
    generated = generatePassword(
      generatedLength(state, params.length),
      characterSetsFrom(params.character_sets),
    );
    value = generated;
  } else {
    value = str(params.secret) ?? '';
    if (value.trim() === '')
      return fail('nothing-to-share', 'You did not provide anything to share', 'secret');
  }

  const passphrase = str(params.passphrase) ?? '';
  const { passphraseMinLength: min, passphraseMaxLength: max } = state.era;
  if (passphrase !== '' && passphrase.length < min) {
    return fail('passphrase-too-short', `Passphrase must be at least ${min} characters long`, 'passphrase');
  }
  if (passphrase !== '' && max !== undefined && passphrase.length > max) {
    return fail(
      'passphrase-too-long',
      `Passphrase must be no more than ${max} characters long`,
      'passphrase',
    );
  }

  const recipients = recipientList(params.recipient);
  if (recipients.length > 0 && caller.kind !== 'account') {
    return fail('account-required', 'An account is required to send emails.', 'recipient');
  }
  const undeliverable = recipients.find((r) => !isEmail(r));
  if (undeliverable !== undefined) {
    return fail('undeliverable', `Undeliverable email address: ${undeliverable}`, 'recipient');
  }

  const shareDomain = (str(params.share_domain) ?? '').trim().toLowerCase();
  if (shareDomain !== '' && !state.domains.has(shareDomain)) {
    return fail('unknown-domain', `Unknown domain: ${shareDomain}`, 'share_domain');
  }

  let truncated = false;
  const size = state.era.size;
  if (size.kind === 'reject' && Buffer.byteLength(value, 'utf8') > size.bytes) {
    return fail('too-large', `Secret value exceeds the maximum size of ${size.bytes} bytes`, 'secret');
  }
  if (size.kind === 'truncate') {
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
  if (account) {
    account.stats.secretsCreated++;
    if (recipients.length > 0) account.stats.secretsShared++;
  }
  return { secret, receipt, value: generated, recipients, recipientsSafe };
}

export function isCreateError(outcome: Created | CreateError): outcome is CreateError {
  return 'code' in outcome;
}

export type RevealOutcome =
  | { kind: 'revealed'; value: string; secret: StoredSecret; receipt: Receipt | undefined }
  | { kind: 'unknown' }
  | { kind: 'wrong-passphrase'; secret: StoredSecret }
  | { kind: 'rate-limited' };

/**
 * The one-time read. A missing or wrong passphrase leaves the secret in place; failures are
 * counted per (client, custid) on v0.23 and per secret on main.
 */
export function revealSecret(
  state: ServerState,
  caller: Caller,
  secretKey: string,
  passphrase: string,
  clientAddress: string,
): RevealOutcome {
  const secret = state.store.secret(secretKey);
  if (!secret) return { kind: 'unknown' };
  const v023 = state.era.name === 'v0.23';
  if (v023) state.store.markSecretViewed(secret);
  else if (state.lockout.locked(secret.key)) return { kind: 'rate-limited' };
  if (secret.passphraseHash !== undefined) {
    const correct = passphrase !== '' && verifyPassphrase(passphrase, secret.passphraseHash);
    if (!correct) {
      const limited = v023
        ? state.failedPassphrases.fail(`${clientAddress}|${custidOf(caller)}`)
        : state.lockout.fail(secret.key);
      return limited ? { kind: 'rate-limited' } : { kind: 'wrong-passphrase', secret };
    }
  }
  const receipt = state.store.receiptOf(secret);
  const value = state.store.consume(secret);
  return { kind: 'revealed', value, secret, receipt };
}

export type BurnOutcome =
  | { kind: 'burned'; before: Receipt; receipt: Receipt }
  | { kind: 'unknown-receipt' }
  | { kind: 'secret-gone'; receipt: Receipt }
  | { kind: 'wrong-passphrase' };

export function burnReceipt(state: ServerState, receiptKey: string, passphrase: string): BurnOutcome {
  const receipt = state.store.receipt(receiptKey);
  if (!receipt) return { kind: 'unknown-receipt' };
  const secret = state.store.secretOf(receipt);
  if (!secret) return { kind: 'secret-gone', receipt };
  if (secret.passphraseHash !== undefined) {
    if (passphrase === '' || !verifyPassphrase(passphrase, secret.passphraseHash)) {
      return { kind: 'wrong-passphrase' };
    }
  }
  const before = { ...receipt, recipients: [...receipt.recipients] };
  state.store.burn(receipt);
  const owner = state.accounts.get(receipt.owner);
  if (owner) owner.stats.secretsBurned++;
  return { kind: 'burned', before, receipt };
}

const GENERATED_VALUE_DISPLAY_TTL = 60;

/**
 * The plaintext a receipt read may show. v0.23: a new receipt shows a passphrase-less secret.
 * main: only a generated value, once (the claim is recorded), within 60 s of creation.
 */
export function valueShownOnReceipt(
  state: ServerState,
  receipt: Receipt,
  secret: StoredSecret | undefined,
): string | undefined {
  if (!secret || receipt.state !== 'new') return undefined;
  if (state.era.name === 'v0.23') return secret.passphraseHash === undefined ? secret.value : undefined;
  const fresh = state.store.now() - receipt.created < GENERATED_VALUE_DISPLAY_TTL;
  if (receipt.kind !== 'generate' || receipt.valueDisplayClaimed || !fresh) return undefined;
  receipt.valueDisplayClaimed = true;
  return secret.value;
}
