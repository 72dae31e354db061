import type * as pulumi from '@pulumi/pulumi';
import { parseTtl, validateGenerate, validateShare } from '../../core/index.ts';
import type { ProviderImplementation } from '../serialized-provider.ts';
import { type CheckedInputs, UNKNOWN } from './props.ts';

// What each input must be before core's rules can judge it, and the failure otherwise.
type Accepts = [accepts: (value: unknown) => boolean, reason: (value: unknown) => string];
// Stricter than core on purpose: core reads '' as "no passphrase", but in a program it is more likely a config
// value that came out empty than a deliberate choice.
const text = (value: unknown) => typeof value === 'string' && value !== '';
const INPUTS: Record<string, Accepts> = {
  secret: [text, () => 'secret must be the value to hand over, as a non-empty string'],
  generate: [(value) => typeof value === 'boolean', () => 'generate must be true or false'],
  length: [
    (value) => typeof value === 'number',
    // A config value read with config.require arrives as text; say what is actually wrong.
    (value) => `length: must be a number, not a ${typeof value} (use config.requireNumber for config values)`,
  ],
  passphrase: [text, () => 'passphrase must be a non-empty string the recipient must enter'],
  recipient: [text, () => 'recipient must be an email address, as a non-empty string'],
  shareDomain: [text, () => 'shareDomain must be a custom domain registered with the OTS account'],
  ttl: [
    (value) => typeof value === 'number' || typeof value === 'string',
    () => 'ttl must be a number of seconds or a duration such as 15m, 2h or 7d',
  ],
};

/**
 * Validates and normalizes the inputs before anything is sent, with core's rulebook (validateShare and
 * validateGenerate), so preview never passes an input that `up` then refuses. Only the rules that span this
 * resource's own inputs (secret or generate, length only with generate, an empty passphrase) live here. Failures
 * name the input and what it accepts, and never quote a secret. Values unknown at preview are let through.
 */
export const check: ProviderImplementation['check'] = async (_olds, news) => {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const inputs: Record<string, unknown> = {};
  // The known values, for core's rules; an unknown one is copied through unchecked.
  const known: Record<string, unknown> = {};

  const hasSecret = news.secret !== undefined && news.secret !== null;
  if (hasSecret && news.generate === true) fail('secret', 'set either secret or generate: true, not both');
  else if (!hasSecret && news.generate !== true && news.generate !== UNKNOWN) {
    fail('secret', 'set secret (the value to hand over) or generate: true (let OTS generate a password)');
  }
  for (const [name, [accepts, reason]] of Object.entries(INPUTS)) {
    const value = news[name];
    if (value === undefined || value === null) continue;
    if (value === UNKNOWN) inputs[name] = value;
    else if (name === 'length' && (news.generate === false || hasSecret)) {
      fail(name, 'length applies only with generate: true');
    } else if (!accepts(value)) fail(name, reason(value));
    else {
      known[name] = value;
      if (name !== 'ttl') inputs[name] = value;
    }
  }
  if (typeof news.providerVersion === 'string') inputs.providerVersion = news.providerVersion;

  // check() is not given the provider config, so "recipient needs an account" is left to create.
  const { secret, ...options } = known;
  const problems = typeof secret === 'string' ? validateShare(secret, options) : validateGenerate(options);
  for (const { field, message } of problems) fail(field, `${field}: ${message}`);
  if (known.ttl !== undefined && !problems.some((p) => p.field === 'ttl')) {
    inputs.ttl = parseTtl(known.ttl as number | string);
  }
  return { inputs: inputs as CheckedInputs, failures };
};
