import type * as pulumi from '@pulumi/pulumi';
import { isOtsError, parseTtl } from '../../core/index.ts';
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

  copyString(news, inputs, failures, 'secret', 'the value to hand over, as a non-empty string');
  if (generate !== undefined && generate !== null) {
    if (typeof generate === 'boolean' || isUnknown(generate)) inputs.generate = generate;
    else failures.push({ property: 'generate', reason: 'generate must be true or false' });
  }
  if (news.length !== undefined && news.length !== null) {
    const length = news.length;
    if (isUnknown(length)) inputs.length = length;
    else if (generate === false || hasSecret) {
      failures.push({ property: 'length', reason: 'length applies only with generate: true' });
    } else if (typeof length === 'number' && Number.isSafeInteger(length) && length >= 1 && length <= 128) {
      inputs.length = length;
    } else {
      failures.push({ property: 'length', reason: 'length must be a whole number from 1 to 128' });
    }
  }
  copyString(news, inputs, failures, 'passphrase', 'a non-empty string the recipient must enter');
  checkTtl(news.ttl, inputs, failures);
  copyString(news, inputs, failures, 'recipient', 'an email address, as a non-empty string');
  const recipient = inputs.recipient;
  if (typeof recipient === 'string' && !isUnknown(recipient) && !/^[^\s@]+@[^\s@]+$/.test(recipient)) {
    failures.push({
      property: 'recipient',
      reason: 'recipient must be one email address (name@example.com)',
    });
  }
  copyString(news, inputs, failures, 'shareDomain', 'a custom domain registered with the OTS account');
  if (typeof news.providerVersion === 'string') inputs.providerVersion = news.providerVersion;

  return { inputs: inputs as CheckedInputs, failures };
}

function copyString(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  failures: Failure[],
  name: string,
  accepted: string,
): void {
  const value = from[name];
  if (value === undefined || value === null) return;
  if (isUnknown(value) || (typeof value === 'string' && value.length > 0)) to[name] = value;
  else failures.push({ property: name, reason: `${name} must be ${accepted}` });
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
  try {
    to.ttl = parseTtl(value, 'ttl');
  } catch (error) {
    if (!isOtsError(error)) throw error;
    failures.push({ property: 'ttl', reason: error.message });
  }
}
