// Client options: every configuration mistake is refused when the client is built.
import { describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { inputError, rejection, useServer } from './support/server.ts';

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
