import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltPulumiEntry } from './support/built-package.ts';
import { isWireSecret, type Registration, resolved, startMockEngine } from './support/mock-engine.ts';

// The resource class as a program uses it, against the SDK's mock engine (no CLI, no provider process).
const { OneTimeSecret, PROVIDER_VERSION, SECRET_OUTPUTS } = requireBuiltPulumiEntry();

let registrations: Registration[];

beforeAll(async () => {
  registrations = await startMockEngine((inputs) => ({
    secretUrl: 'https://ots.example/secret/s3cr3tkey',
    secretKey: 's3cr3tkey',
    receiptKey: 'r3ce1ptkey',
    receiptUrl: 'https://ots.example/receipt/r3ce1ptkey',
    state: 'new',
    ttl: 3600,
    expiresAt: '2026-11-25T06:00:00.000Z',
    warnings: [],
    baseUrl: 'https://ots.example',
    ...(inputs.generate === true && { value: 'generated-password' }),
  }));
});

function registered(name: string): Registration {
  const found = registrations.find((registration) => registration.name === name);
  if (found === undefined) throw new Error(`${name} was not registered`);
  return found;
}

describe('OneTimeSecret under the mock engine', () => {
  it('resolves every declared output from the provider state', async () => {
    const handoff = new OneTimeSecret('outputs', { secret: 'hunter2-hunter2', ttl: '1h' });
    expect(await resolved(handoff.secretUrl)).toBe('https://ots.example/secret/s3cr3tkey');
    expect(await resolved(handoff.secretKey)).toBe('s3cr3tkey');
    expect(await resolved(handoff.receiptKey)).toBe('r3ce1ptkey');
    expect(await resolved(handoff.receiptUrl)).toBe('https://ots.example/receipt/r3ce1ptkey');
    expect(await resolved(handoff.state)).toBe('new');
    expect(await resolved(handoff.ttl)).toBe(3600);
    expect(await resolved(handoff.expiresAt)).toBe('2026-11-25T06:00:00.000Z');
    expect(await resolved(handoff.warnings)).toEqual([]);
    expect(await resolved(handoff.value)).toBeUndefined();
  });

  it('has every declared output also when the program leaves the matching input out', async () => {
    const handoff = new OneTimeSecret('minimal', { generate: true });
    expect(await resolved(handoff.ttl)).toBe(3600);
    expect(await resolved(handoff.secretUrl)).toBe('https://ots.example/secret/s3cr3tkey');
  });

  it('registers a dynamic resource of its own type, carrying the provider code and version', async () => {
    const handoff = new OneTimeSecret('typed', { secret: 'hunter2-hunter2' });
    await resolved(handoff.urn);
    const registration = registered('typed');
    expect(registration.type).toBe('pulumi-nodejs:dynamic/ots-handoff:OneTimeSecret');
    expect(registration.inputs.providerVersion).toBe(PROVIDER_VERSION);
    expect(typeof registration.inputs.__provider).toBe('string');
  });

  it('sends the secret and the passphrase to the engine wrapped as secrets, never in clear', async () => {
    const handoff = new OneTimeSecret('wrapped', { secret: 'hunter2-hunter2', passphrase: 'open sesame' });
    await resolved(handoff.urn);
    const { inputs } = registered('wrapped');
    expect(isWireSecret(inputs.secret)).toBe(true);
    expect(isWireSecret(inputs.passphrase)).toBe(true);
    expect((inputs.secret as { value: unknown }).value).toBe('hunter2-hunter2');
  });

  it('asks the engine to encrypt the link, the keys, the value and the passphrase', async () => {
    const handoff = new OneTimeSecret('secret-outputs', { generate: true, length: 20 });
    await resolved(handoff.urn);
    const names = registered('secret-outputs').additionalSecretOutputs;
    for (const name of [
      'secretUrl',
      'secretKey',
      'receiptKey',
      'receiptUrl',
      'value',
      'passphrase',
      'secret',
    ]) {
      expect(names).toContain(name);
    }
    expect(names).toEqual(expect.arrayContaining([...SECRET_OUTPUTS]));
  });

  it('keeps additionalSecretOutputs the program set itself', async () => {
    const handoff = new OneTimeSecret(
      'merged',
      { secret: 'hunter2-hunter2' },
      { additionalSecretOutputs: ['expiresAt'] },
    );
    await resolved(handoff.urn);
    expect(registered('merged').additionalSecretOutputs).toEqual(
      expect.arrayContaining(['expiresAt', 'secretUrl', 'receiptKey']),
    );
  });

  it('passes a generated value through as an output', async () => {
    const handoff = new OneTimeSecret('generated', { generate: true });
    expect(await resolved(handoff.value)).toBe('generated-password');
  });

  it('accepts an Output as the secret, as from another resource', async () => {
    const password = pulumi.output('from-another-resource');
    const handoff = new OneTimeSecret('from-output', { secret: password });
    await resolved(handoff.urn);
    expect((registered('from-output').inputs.secret as { value: unknown }).value).toBe(
      'from-another-resource',
    );
  });

  it('refuses a resource with neither a secret nor generate, before anything is registered', () => {
    expect(() => new OneTimeSecret('empty', {})).toThrow(/set secret .* or generate: true/);
    expect(registrations.some((registration) => registration.name === 'empty')).toBe(false);
  });
});
