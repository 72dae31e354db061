// Each error code as the real local server produces it, in both eras and both API versions.
import { describe, expect, it } from 'vitest';
import {
  OtsInvalidRequestError,
  OtsNotFoundError,
  OtsRateLimitError,
  OtsServerError,
  OtsUnauthorizedError,
} from '../../../core/errors/kinds.ts';
import { errorFromResponse } from '../../../core/wire/error-answer.ts';
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
      if (era === 'current' && apiVersion === 'v2') {
        // main's own reason (v2 #76), and the request id every main answer carries, for a support ticket.
        expect(error.message).toContain('[CREDENTIALS_INVALID] Invalid credentials');
        expect(error.requestId).toMatch(/^[0-9a-z]{8,20}$/);
        expect(error.message).toContain(`(request id ${error.requestId})`);
      }
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

describe('errorFromResponse, for answers the local server does not give', () => {
  const call = (operation: 'share' | 'reveal' | 'burn' = 'share') => ({
    operation,
    method: 'POST',
    path: '/api/v1/share',
    sensitive: ['s3cr3t-value'],
  });
  const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    return { status, headers, text: body, body: parsed };
  };

  it.each([
    [
      404,
      '{"message":"Rate limit exceeded. Please try again later."}',
      { 'x-ots-intended-status': '400' },
      'rate_limited',
      undefined,
    ],
    [404, '{"message":"/api/v1/share is not available"}', {}, 'unauthorized', undefined],
    [
      404,
      '{"message":"Secret value exceeds the maximum size of 10000 bytes"}',
      { 'x-ots-intended-status': '400' },
      'invalid_request',
      'secret',
    ],
    [404, '{"message":"You did not provide anything to share"}', {}, 'invalid_request', 'secret'],
    [404, '{"message":"Unknown domain: example.org"}', {}, 'invalid_request', 'shareDomain'],
    [404, '{"message":"An account is required to send emails."}', {}, 'invalid_request', 'recipient'],
    [404, '{"message":"Double check that passphrase"}', {}, 'invalid_request', 'passphrase'],
    [404, '{"message":"An unexpected error occurred :["}', {}, 'server_error', undefined],
    [404, '{"message":"Not authorized"}', { 'x-ots-intended-status': '401' }, 'unauthorized', undefined],
    [404, '<html><body>404 Not Found</body></html>', {}, 'not_found', undefined],
    [404, '{"message":"Unkn', {}, 'not_found', undefined],
    [500, '', {}, 'server_error', undefined],
    [429, '', { 'retry-after': '9' }, 'rate_limited', undefined],
    [403, '<html>Forbidden</html>', {}, 'unauthorized', undefined],
  ])('v1 %i %s → %s', (status, body, headers, code, field) => {
    const error = errorFromResponse('v1', answer(status, body, headers), call());
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.status).toBe(status);
    expect(error.message.startsWith('OTS share (POST /api/v1/share → HTTP')).toBe(true);
  });

  it.each([
    [422, '{"error":"Invalid TTL","error_type":"FormError","field":"ttl"}', 'invalid_request', 'ttl'],
    [404, '{"error":"Unknown secret","error_type":"NotFound"}', 'not_found', undefined],
    [401, '{"error":"Not authorized","error_type":"Unauthorized"}', 'unauthorized', undefined],
    [403, '{"error":"Upgrade required","error_type":"Forbidden"}', 'unauthorized', undefined],
    [429, '{"error":"Too many attempts.","error_type":"RateLimited"}', 'rate_limited', undefined],
    [503, '{"error":"Maintenance"}', 'server_error', undefined],
  ])('v2 %i %s → %s', (status, body, code, field) => {
    const error = errorFromResponse('v2', answer(status, body), call('reveal'));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('quotes server messages redacted, on one line, bounded', () => {
    const long = `bad s3cr3t-value ${'x'.repeat(300)}\nsecond line ${'k'.repeat(31)}`;
    const error = errorFromResponse('v2', answer(422, JSON.stringify({ error: long })), call());
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('k'.repeat(31));
    expect(error.message.length).toBeLessThan(400);
  });
});
