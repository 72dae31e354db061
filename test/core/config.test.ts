// Configuration and input mistakes: reported before any request, naming the input.
import { describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { ACCOUNT, rejection, useServer } from './support/server.ts';

const ots = useServer();

function inputError(fn: () => unknown): OtsInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OtsInputError);
    return error as OtsInputError;
  }
  throw new Error('expected an OtsInputError');
}

describe('client options', () => {
  it.each([
    [{ username: 'tester@example.com' }, 'apiToken'],
    [{ apiToken: 'tok' }, 'username'],
    [{ username: '', apiToken: 'tok' }, 'username'],
  ])('refuses half a credential %j', (options, missing) => {
    const error = inputError(() => new OtsClient({ baseUrl: ots.server.url, ...options }));
    expect(error.field).toBe(missing);
    expect(error.message).toMatch(/Give both username and apiToken/);
    expect(error.message).not.toContain('tok');
  });

  it('refuses plain http to a remote host, and allows it when told to', () => {
    expect(inputError(() => new OtsClient({ baseUrl: 'http://ots.example.com' })).field).toBe('baseUrl');
    expect(new OtsClient({ baseUrl: 'http://ots.example.com', allowInsecureHttp: true }).baseUrl).toBe(
      'http://ots.example.com',
    );
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxSecretBytes: 0 }, 'maxSecretBytes'],
    [{ apiVersion: 'v3' }, 'apiVersion'],
    [{ region: 'mars' }, 'region'],
  ])('refuses %j', (options, field) => {
    expect(inputError(() => new OtsClient(options as never)).field).toBe(field);
  });
});

describe('call inputs are checked before anything is sent', () => {
  const client = () => ots.client();

  it.each([
    ['an empty secret', (c: OtsClient) => c.share(''), 'secret', /is empty/],
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
      /accounts/,
    ],
    [
      'a recipient that is no email',
      (c: OtsClient) => c.share('x', { recipient: 'bob' }),
      'recipient',
      /email/,
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

describe('OtsClient.fromEnv', () => {
  it('reads OTS_BASE_URL, OTS_USERNAME, OTS_API_TOKEN and OTS_API_VERSION', async () => {
    const client = OtsClient.fromEnv({
      OTS_BASE_URL: `${ots.server.url}/`,
      OTS_USERNAME: ACCOUNT.username,
      OTS_API_TOKEN: ACCOUNT.apiToken,
      OTS_API_VERSION: 'V1',
    });
    try {
      expect(client.baseUrl).toBe(ots.server.url);
      expect(client.apiVersion).toBe('v1');
      await client.share('from env');
      expect(ots.server.requests.at(-1)).toMatchObject({ path: '/api/v1/share', hasAuth: true });
    } finally {
      await client.close();
    }
  });

  it('falls back to the ONETIME_HOST / ONETIME_CUSTID / ONETIME_APIKEY names of older OTS clients', async () => {
    const client = OtsClient.fromEnv({
      ONETIME_HOST: `${ots.server.url}/api`,
      ONETIME_CUSTID: ACCOUNT.username,
      ONETIME_APIKEY: ACCOUNT.apiToken,
    });
    try {
      expect(client.baseUrl).toBe(ots.server.url);
      await client.recent();
      expect(ots.server.requests.at(-1)).toMatchObject({ path: '/api/v2/receipt/recent', hasAuth: true });
    } finally {
      await client.close();
    }
    // Never half a credential from each naming scheme.
    expect(inputError(() => OtsClient.fromEnv({ OTS_USERNAME: 'a@b.co', ONETIME_APIKEY: 'tok' })).field).toBe(
      'apiToken',
    );
  });

  it('maps OTS_REGION to onetimesecret.com, and overrides win over the environment', () => {
    expect(OtsClient.fromEnv({ OTS_REGION: 'EU' }).baseUrl).toBe('https://eu.onetimesecret.com');
    expect(OtsClient.fromEnv({}).baseUrl).toBe('https://us.onetimesecret.com');
    expect(OtsClient.fromEnv({ OTS_REGION: 'eu' }, { baseUrl: 'https://ots.example.com' }).baseUrl).toBe(
      'https://ots.example.com',
    );
    expect(OtsClient.fromEnv({ OTS_BASE_URL: 'https://ots.example.com', OTS_REGION: ' ' }).baseUrl).toBe(
      'https://ots.example.com',
    );
  });

  it('refuses half credentials and unknown versions from the environment', () => {
    expect(inputError(() => OtsClient.fromEnv({ OTS_USERNAME: 'a@b.co' })).field).toBe('apiToken');
    expect(inputError(() => OtsClient.fromEnv({ OTS_API_VERSION: 'v9' })).field).toBe('OTS_API_VERSION');
    expect(
      inputError(() => OtsClient.fromEnv({ OTS_BASE_URL: 'https://a.test', OTS_REGION: 'eu' })).field,
    ).toBe('region');
  });
});
