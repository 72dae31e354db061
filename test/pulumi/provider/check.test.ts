import { describe, expect, it } from 'vitest';
import { check } from '../../../pulumi/provider/check.ts';
import { UNKNOWN } from '../../../pulumi/provider/props.ts';

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

  it('rejects an empty or whitespace-only secret', async () => {
    expect(await failures({ secret: '' })).toEqual([
      { property: 'secret', reason: expect.stringMatching(/non-empty/) },
    ]);
    expect(await failures({ secret: ' \t\n ' })).toEqual([
      { property: 'secret', reason: expect.stringMatching(/^secret: is only whitespace/) },
    ]);
  });

  // Everything below is refused by core's create (invalid_input) after the link was planned: check() must catch it
  // at preview, with core's own message.
  it('rejects a generated length outside the 4–128 core accepts, or not a whole number', async () => {
    for (const length of [0, 2, 3, 129, 12.5]) {
      expect(await failures({ generate: true, length })).toEqual([
        { property: 'length', reason: `length: ${length} is not a whole number from 4 to 128.` },
      ]);
    }
    expect(await failures({ generate: true, length: '12' })).toEqual([
      { property: 'length', reason: expect.stringMatching(/^length: must be a number, not a string/) },
    ]);
    for (const length of [4, 128]) expect(await failures({ generate: true, length })).toEqual([]);
  });

  it('rejects a recipient that is not a full email address', async () => {
    for (const recipient of ['a@b', 'ops', 'two words@example.com']) {
      expect(await failures({ secret: 's3cret', recipient })).toEqual([
        { property: 'recipient', reason: expect.stringMatching(/^recipient: is not an email address/) },
      ]);
    }
  });

  it('rejects a shareDomain given as a URL rather than a host name', async () => {
    for (const shareDomain of ['https://x.com/', 'x.com/path', 'secrets example.com', 'x.com:8443']) {
      expect(await failures({ secret: 's3cret', shareDomain })).toEqual([
        { property: 'shareDomain', reason: expect.stringMatching(/^shareDomain: must be a host name/) },
      ]);
    }
    expect(await failures({ secret: 's3cret', shareDomain: 'secrets.example.com' })).toEqual([]);
  });

  it('rejects a secret over the size limit, counted in UTF-8 bytes, without quoting it', async () => {
    const secret = `${'é'.repeat(5000)}!`; // 5001 characters, 10 001 bytes
    const result = await failures({ secret });
    expect(result).toEqual([
      {
        property: 'secret',
        reason: expect.stringMatching(/^secret: is 10001 bytes \(UTF-8\); the limit is 10000/),
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('éé');
    expect(await failures({ secret: 'x'.repeat(10_000) })).toEqual([]);
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
