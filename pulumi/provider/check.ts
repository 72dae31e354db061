import type * as pulumi from '@pulumi/pulumi';
// Core's own create validators (internal modules, not the public index): check() must reject exactly what create
// would, and the rules must live in one place, so preview never passes an input that `up` then refuses.
import { resolveConfig } from '../../core/config.ts';
import { isOtsError } from '../../core/index.ts';
import { checkCreate, checkSecret } from '../../core/inputs.ts';
import type { GenerateOptions } from '../../core/options.ts';
import { parseTtl } from '../../core/ttl.ts';
import type { CheckedInputs } from './props.ts';
import { isUnknown } from './unknown.ts';

type Failure = pulumi.dynamic.CheckFailure;

/**
 * Validates and normalizes the inputs before anything is sent. Failures name the input and what it accepts, and
 * never quote a secret. Unknown values (preview, before their source exists) are let through unchecked.
 */
export async function check(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<CheckedInputs>> {
  const failures: Failure[] = [];
  const inputs: Record<string, unknown> = {};

  const hasSecret = news.secret !== undefined && news.secret !== null;
  const generate = news.generate;
  const generating = generate === true || isUnknown(generate);
  if (hasSecret && generate === true) {
    failures.push({ property: 'secret', reason: 'set either secret or generate: true, not both' });
  } else if (!hasSecret && !generating) {
    failures.push({
      property: 'secret',
      reason: 'set secret (the value to hand over) or generate: true (let OTS generate a password)',
    });
  }

  if (copyString(news, inputs, failures, 'secret', 'the value to hand over, as a non-empty string')) {
    checkSecretValue(inputs.secret as string, failures);
  }
  if (generate !== undefined && generate !== null) {
    if (typeof generate === 'boolean' || isUnknown(generate)) inputs.generate = generate;
    else failures.push({ property: 'generate', reason: 'generate must be true or false' });
  }
  if (news.length !== undefined && news.length !== null) {
    const length = news.length;
    if (isUnknown(length)) inputs.length = length;
    else if (generate === false || hasSecret) {
      failures.push({ property: 'length', reason: 'length applies only with generate: true' });
    } else if (typeof length !== 'number') {
      // Core's range message would print "12" as if it were a number; say what is actually wrong.
      failures.push({
        property: 'length',
        reason: `length: must be a number, not a ${typeof length} (use config.requireNumber for config values)`,
      });
    } else if (coreAccepts('length', length, failures)) {
      inputs.length = length;
    }
  }
  // Stricter than core on purpose: core reads '' as "no passphrase", but in a program it is more likely a
  // config value that came out empty than a deliberate choice.
  copyString(news, inputs, failures, 'passphrase', 'a non-empty string the recipient must enter');
  checkTtl(news.ttl, inputs, failures);
  if (copyString(news, inputs, failures, 'recipient', 'an email address, as a non-empty string')) {
    coreAccepts('recipient', inputs.recipient as string, failures);
  }
  if (copyString(news, inputs, failures, 'shareDomain', 'a custom domain registered with the OTS account')) {
    coreAccepts('shareDomain', inputs.shareDomain as string, failures);
  }
  if (typeof news.providerVersion === 'string') inputs.providerVersion = news.providerVersion;

  return { inputs: inputs as CheckedInputs, failures };
}

/** Copies a string input; true when it is a known string that the caller should check further. */
function copyString(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  failures: Failure[],
  name: string,
  accepted: string,
): boolean {
  const value = from[name];
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) {
    to[name] = value;
    return false;
  }
  if (typeof value === 'string' && value.length > 0) {
    to[name] = value;
    return true;
  }
  failures.push({ property: name, reason: `${name} must be ${accepted}` });
  return false;
}

/**
 * Runs core's create-option check on one option at a time, so each bad input gets its own failure. The account
 * is taken as present: check() is not given the provider config, so "recipient needs an account" is left to
 * create, where the credentials are known.
 */
function coreAccepts<K extends 'length' | 'recipient' | 'shareDomain'>(
  name: K,
  value: GenerateOptions[K],
  failures: Failure[],
): boolean {
  return coreRule(failures, name, () => checkCreate({ [name]: value }, true));
}

function checkSecretValue(secret: string, failures: Failure[]): void {
  // The provider's clients never set maxSecretBytes, so the limit create enforces is core's default.
  if (!coreRule(failures, 'secret', () => checkSecret(secret, resolveConfig({}).maxSecretBytes))) return;
  // Core does not reject a whitespace-only secret yet (it is to); until it does, this is checked here as well.
  if (secret.trim() === '') {
    failures.push({
      property: 'secret',
      reason: 'secret: is only whitespace; there is nothing to share.',
    });
  }
}

/** Runs one of core's validators; its OtsInputError becomes a failure on the input it names. */
function coreRule(failures: Failure[], property: string, rule: () => unknown): boolean {
  try {
    rule();
    return true;
  } catch (error) {
    if (!isOtsError(error)) throw error;
    failures.push({ property: error.field ?? property, reason: error.message });
    return false;
  }
}

function checkTtl(value: unknown, to: Record<string, unknown>, failures: Failure[]): void {
  if (value === undefined || value === null) return;
  if (isUnknown(value)) {
    to.ttl = value;
    return;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    failures.push({
      property: 'ttl',
      reason: 'ttl must be a number of seconds or a duration such as 15m, 2h or 7d',
    });
    return;
  }
  coreRule(failures, 'ttl', () => {
    to.ttl = parseTtl(value, 'ttl');
  });
}
