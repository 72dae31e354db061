// Call inputs: refused before anything is sent, naming the input.
import { describe, expect, it } from 'vitest';
import type { OtsClient } from '../../core/client.ts';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { rejection, useServer } from './support/server.ts';

const ots = useServer();

describe('call inputs are checked before anything is sent', () => {
  const client = () => ots.client();

  it.each([
    ['an empty secret', (c: OtsClient) => c.share(''), 'secret', /is empty/],
    ['a whitespace-only secret', (c: OtsClient) => c.share(' \t\n '), 'secret', /only whitespace.*non-blank/],
    ['a secret that is not a string', (c: OtsClient) => c.share(42 as never), 'secret', /must be a string/],
    [
      'a bad ttl',
      (c: OtsClient) => c.share('x', { ttl: '5 minutes' }),
      'ttl',
      /ttl: "5 minutes" is not a valid TTL/,
    ],
    ['a zero ttl', (c: OtsClient) => c.share('x', { ttl: 0 }), 'ttl', /use a positive whole number/],
    ['an empty-string ttl', (c: OtsClient) => c.share('x', { ttl: '' }), 'ttl', /not a valid TTL/],
    [
      'a recipient without an account',
      (c: OtsClient) => c.share('x', { recipient: 'a@b.co' }),
      'recipient',
      /only for an account/,
    ],
    [
      'a recipient that is no email',
      (c: OtsClient) => c.share('x', { recipient: 'bob' }),
      'recipient',
      /email/,
    ],
    [
      // It looks exactly like the example the plain advice gives: the error has to say what is wrong with it.
      'a recipient with an invisible character pasted along',
      (c: OtsClient) => c.share('x', { recipient: 'oncall\u200b@example.com' }),
      'recipient',
      /invisible character \(U\+200B\)/,
    ],
    [
      'a share domain with a scheme',
      (c: OtsClient) => c.share('x', { shareDomain: 'https://a.b' }),
      'shareDomain',
      /host name/,
    ],
    ['a bad password length', (c: OtsClient) => c.generate({ length: 2 }), 'length', /from 4 to 128/],
    ['a key that is cut off', (c: OtsClient) => c.reveal('abc123'), 'secret key or link', /has 6 characters/],
    [
      'a receipt link to reveal',
      (c: OtsClient) => c.reveal(`https://x.test/receipt/${'a'.repeat(62)}`),
      'secret key or link',
      /receipt link/,
    ],
    [
      'a secret link to burn',
      (c: OtsClient) => c.burn(`https://x.test/secret/${'a'.repeat(62)}`),
      'receipt key or link',
      /secret link/,
    ],
    ['recent without an account', (c: OtsClient) => c.recent(), 'username', /set username and apiToken/],
    [
      'a bad per-call timeout',
      (c: OtsClient) => c.status({ timeoutMs: -1 }),
      'timeoutMs',
      /positive whole number/,
    ],
  ])('%s', async (_, call, field, message) => {
    const before = ots.server.requests.length;
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(OtsInputError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(ots.server.requests.length).toBe(before);
  });

  it('describes, never quotes, text given where a whole number belongs: it may be a secret in the wrong option', async () => {
    const secret = 'hunter2-correct-horse';
    const before = ots.server.requests.length;
    const error = await rejection(client().shareMany([{ secret: 'x' }], { concurrency: secret as never }));
    expect(error).toBeInstanceOf(OtsInputError);
    expect(error.message).toBe('concurrency: text of 21 characters is not a whole number from 1 to 64.');
    for (const piece of ['hunter', 'horse']) expect(error.message).not.toContain(piece);
    expect(ots.server.requests.length).toBe(before);
  });

  it('refuses a secret over the size limit by bytes, not characters, and sends nothing', async () => {
    const before = ots.server.requests.length;
    const error = await rejection(client().share('🔐'.repeat(2501))); // 10 004 bytes, 5 002 UTF-16 units
    expect(error.message).toMatch(/secret: is 10004 bytes \(UTF-8\); the limit is 10000 bytes/);
    expect(error.message).not.toContain('🔐');
    const small = ots.client({ maxSecretBytes: 8 });
    expect((await rejection(small.share('123456789'))).field).toBe('secret');
    expect(ots.server.requests.length).toBe(before);
    await expect(small.share('12345678')).resolves.toMatchObject({ state: 'new' });
  });
});
