import { describe, expect, it } from 'vitest';
import { check } from '../../../pulumi/provider/check.ts';
import { UNKNOWN } from '../../../pulumi/provider/unknown.ts';

// check() runs at preview, before anything is sent: every mistake is reported against the input that has it.

async function failures(news: Record<string, unknown>) {
  return (await check({}, news)).failures ?? [];
}

describe('check', () => {
  it('normalizes a duration TTL to seconds and passes the other inputs through', async () => {
    const result = await check(
      {},
      { secret: 's3cret', ttl: '2h', recipient: 'ops@example.com', providerVersion: '1' },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      secret: 's3cret',
      ttl: 7200,
      recipient: 'ops@example.com',
      providerVersion: '1',
    });
  });

  it('requires exactly one of secret and generate', async () => {
    expect(await failures({})).toEqual([
      { property: 'secret', reason: expect.stringMatching(/generate: true/) },
    ]);
    expect(await failures({ generate: false })).toEqual([
      { property: 'secret', reason: expect.stringMatching(/set secret/) },
    ]);
    expect(await failures({ secret: 'x', generate: true })).toEqual([
      { property: 'secret', reason: 'set either secret or generate: true, not both' },
    ]);
  });

  it('names the input and what it accepts, and never quotes the secret', async () => {
    const result = await failures({
      secret: 's3cret',
      ttl: '3 days',
      length: 12,
      passphrase: '',
      recipient: 'ops',
    });
    expect(result.map((failure) => failure.property).sort()).toEqual([
      'length',
      'passphrase',
      'recipient',
      'ttl',
    ]);
    expect(result.find((failure) => failure.property === 'ttl')?.reason).toMatch(
      /^ttl: "3 days" is not a valid TTL/,
    );
    expect(JSON.stringify(result)).not.toContain('s3cret');
  });

  it('rejects an empty secret and a length outside 1–128', async () => {
    expect(await failures({ secret: '' })).toEqual([
      { property: 'secret', reason: expect.stringMatching(/non-empty/) },
    ]);
    expect(await failures({ generate: true, length: 0 })).toEqual([
      { property: 'length', reason: 'length must be a whole number from 1 to 128' },
    ]);
    expect(await failures({ generate: true, length: 12.5 })).toHaveLength(1);
  });

  it('lets values that are unknown at preview through unchecked', async () => {
    const unknowns = {
      secret: UNKNOWN,
      ttl: UNKNOWN,
      passphrase: UNKNOWN,
      recipient: UNKNOWN,
      shareDomain: UNKNOWN,
    };
    const result = await check({}, unknowns);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual(unknowns);
    expect((await check({}, { generate: UNKNOWN, length: UNKNOWN })).failures).toEqual([]);
  });
});
