// Client options: every configuration mistake is refused when the client is built. OtsClient.fromEnv: OTS_*
// variables (and the older ONETIME_* names), overrides winning.
import { describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { ACCOUNT, inputError, rejection, useServer } from './support/server.ts';

const ots = useServer();

describe('client options', () => {
  it.each([
    [{ username: 'tester@example.com' }, 'apiToken'],
    [{ apiToken: 'tok' }, 'username'],
    [{ username: '', apiToken: 'tok' }, 'username'],
    [{ username: 'tester@example.com', apiToken: '   ' }, 'apiToken'],
    [{ username: ' \n', apiToken: 'tok' }, 'username'],
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
    [{ timeoutMs: 2 ** 31 }, 'timeoutMs'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ maxSecretBytes: 0 }, 'maxSecretBytes'],
    [{ apiVersion: 'v3' }, 'apiVersion'],
    [{ region: 'mars' }, 'region'],
  ])('refuses %j', (options, field) => {
    expect(inputError(() => new OtsClient(options as never)).field).toBe(field);
  });

  it('refuses a per-call timeoutMs that Node would turn into a 1 ms timer, before sending', async () => {
    const client = ots.client();
    const before = ots.server.requests.length;
    const error = await rejection(client.share('never sent', { timeoutMs: 1e10 }));
    expect(error).toBeInstanceOf(OtsInputError);
    expect(error.field).toBe('timeoutMs');
    expect(error.message).toMatch(/up to 2147483647/);
    expect(ots.server.requests.length).toBe(before);
    await expect(client.status({ timeoutMs: 2_147_483_647 })).resolves.toMatchObject({ status: 'nominal' });
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
