import type * as pulumi from '@pulumi/pulumi';
import { parseTtl, validateGenerate, validateShare } from '../../core/index.ts';
import type { CheckedInputs } from './props.ts';
import { isUnknown } from './unknown.ts';

type Failure = pulumi.dynamic.CheckFailure;

/**
 * Validates and normalizes the inputs before anything is sent, with core's rulebook (validateShare and
 * validateGenerate), so preview never passes an input that `up` then refuses. Only the rules that span this
 * resource's own inputs (secret or generate, length only with generate, an empty passphrase) live here. Failures
 * name the input and what it accepts, and never quote a secret. Values unknown at preview are let through.
 */
export async function check(
  _olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult<CheckedInputs>> {
  const failures: Failure[] = [];
  const inputs: Record<string, unknown> = {};
  // The known values core checks; an unknown one is copied through unchecked.
  const known: Record<string, unknown> = {};

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
  const length = news.length;
  if (length !== undefined && length !== null) {
    if (isUnknown(length)) inputs.length = length;
    else if (generate === false || hasSecret) {
      failures.push({ property: 'length', reason: 'length applies only with generate: true' });
    } else if (typeof length !== 'number') {
      // A config value read with config.require arrives as text; say what is actually wrong.
      failures.push({
        property: 'length',
        reason: `length: must be a number, not a ${typeof length} (use config.requireNumber for config values)`,
      });
    } else known.length = inputs.length = length;
  }
  // Stricter than core on purpose: core reads '' as "no passphrase", but in a program it is more likely a
  // config value that came out empty than a deliberate choice.
  copyString(news, inputs, failures, 'passphrase', 'a non-empty string the recipient must enter', known);
  copyString(news, inputs, failures, 'recipient', 'an email address, as a non-empty string', known);
  copyString(news, inputs, failures, 'shareDomain', 'a custom domain registered with the OTS account', known);
  const ttl = news.ttl;
  if (ttl !== undefined && ttl !== null) {
    if (isUnknown(ttl)) inputs.ttl = ttl;
    else if (typeof ttl !== 'number' && typeof ttl !== 'string') {
      failures.push({
        property: 'ttl',
        reason: 'ttl must be a number of seconds or a duration such as 15m, 2h or 7d',
      });
    } else known.ttl = ttl;
  }
  if (typeof news.providerVersion === 'string') inputs.providerVersion = news.providerVersion;

  // check() is not given the provider config, so "recipient needs an account" is left to create.
  const problems = validateGenerate(known);
  if (typeof inputs.secret === 'string') problems.unshift(...validateShare(inputs.secret, {}));
  for (const { field, message } of problems)
    failures.push({ property: field, reason: `${field}: ${message}` });
  if (known.ttl !== undefined && !problems.some((p) => p.field === 'ttl')) {
    inputs.ttl = parseTtl(known.ttl as number | string);
  }
  return { inputs: inputs as CheckedInputs, failures };
}

/** Copies a string input; a known, non-empty string also goes into `known` for core's rules. */
function copyString(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  failures: Failure[],
  name: string,
  accepted: string,
  known?: Record<string, unknown>,
): void {
  const value = from[name];
  if (value === undefined || value === null) return;
  if (isUnknown(value)) {
    to[name] = value;
  } else if (typeof value === 'string' && value.length > 0) {
    to[name] = value;
    if (known !== undefined) known[name] = value;
  } else {
    failures.push({ property: name, reason: `${name} must be ${accepted}` });
  }
}
