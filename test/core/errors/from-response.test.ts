// Each error code as the real local server produces it, in both eras and both API versions.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../core/errors/from-response.ts';
import {
  OtsInvalidRequestError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsServerError,
  OtsUnauthorizedError,
} from '../../../core/errors/kinds.ts';
import { ACCOUNT, rejection, useServer } from '../support/server.ts';

describe.each(['current', 'v0.23'] as const)('errors from an OTS %s server', (era) => {
  const ots = useServer({ era });

  describe.each(['v2', 'v1'] as const)('over API %s', (apiVersion) => {
    it('a wrong token is unauthorized, never anonymous', async () => {
      const client = ots.client({ apiVersion, username: ACCOUNT.username, apiToken: 'not-the-token' });
      const error = await rejection(client.status());
      expect(error).toBeInstanceOf(OtsUnauthorizedError);
      expect(error.message).toMatch(/Check username and apiToken/);
      expect(error.status).toBe(apiVersion === 'v1' ? 404 : era === 'current' ? 401 : 403);
    });

    it('an unknown user is unauthorized (usernames are case-sensitive)', async () => {
      const client = ots.client({
        apiVersion,
        username: ACCOUNT.username.toUpperCase(),
        apiToken: ACCOUNT.apiToken,
      });
      expect(await rejection(client.share('x'))).toBeInstanceOf(OtsUnauthorizedError);
    });

    it('an unknown key is not_found, with the key shortened', async () => {
      const key = era === 'current' ? 'z'.repeat(62) : 'doesnotexist0000000000000000000';
      const client = ots.client({ apiVersion });
      for (const call of [client.reveal(key), client.receipt(key), client.burn(key)]) {
        const error = await rejection(call);
        expect(error).toBeInstanceOf(OtsNotFoundError);
        expect(error.message).toContain(`${key.slice(0, 4)}…`);
        expect(error.message).not.toContain(key);
        expect(error.path).not.toContain(key);
      }
    });

    it('a passphrase the server refuses is invalid_request on passphrase', async () => {
      const client = ots.client({ apiVersion });
      // v0.23 wants 8 characters, current servers at most 128.
      const passphrase = era === 'v0.23' ? 'short' : 'p'.repeat(129);
      const error = await rejection(client.share('x', { passphrase }));
      expect(error).toBeInstanceOf(OtsInvalidRequestError);
      expect(error.field).toBe('passphrase');
      expect(error.message).toMatch(/refused the request: Passphrase/);
    });

    it('a recipient needs an account on the server too (checked here first)', async () => {
      const client = ots.client({ apiVersion, ...ACCOUNT });
      const receipt = await client.share('for you', { recipient: 'someone@example.com' });
      expect(receipt.recipients).toHaveLength(1);
      expect(receipt.recipients[0]).not.toBe('someone@example.com');
      expect(receipt.recipients[0]).toContain('*');
    });
  });

  it('the server rate limiting failed passphrases is rate_limited (v1 says so only in its message)', async () => {
    ots.server.clock.advance(1201);
    const client = ots.client({ apiVersion: 'v1' });
    const shared = await client.share('guarded', { passphrase: 'correct horse' });
    let last: Error | undefined;
    for (
      let i = 0;
      i < 30 && !(last instanceof OtsRateLimitError) && !(last instanceof OtsServerError);
      i++
    ) {
      last = await rejection(client.reveal(shared.secretKey!, { passphrase: 'wrong horse' }));
    }
    // v0.23: "Cripes! You have been rate limited."; main's v1 turns the lockout into its generic error.
    expect(last).toBeInstanceOf(era === 'v0.23' ? OtsRateLimitError : OtsServerError);
  });

  it('v2 reports the lockout as 429', async () => {
    ots.server.clock.advance(1201);
    const client = ots.client({ apiVersion: 'v2' });
    const shared = await client.share('guarded', { passphrase: 'correct horse' });
    let last: Error & Record<string, unknown> = new Error() as Error & Record<string, unknown>;
    for (let i = 0; i < 30 && !(last instanceof OtsRateLimitError); i++) {
      last = await rejection(client.reveal(shared.secretKey!, { passphrase: 'wrong horse' }));
    }
    expect(last).toBeInstanceOf(OtsRateLimitError);
    expect(last.status).toBe(429);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(
      parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1)),
    ).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
