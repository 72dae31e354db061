// Deadlines, retries and broken answers, injected into the real local server.
import diagnostics from 'node:diagnostics_channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import {
  OtsAbortError,
  OtsInputError,
  OtsNetworkError,
  OtsRateLimitError,
  OtsServerError,
  OtsTimeoutError,
} from '../../../core/errors/kinds.ts';
import {
  header,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  RETRY_STATUSES,
  retryDelayMs,
} from '../../../core/http/transport.ts';
import { type Failure, rejection, useServer } from '../support/server.ts';

const ots = useServer();
afterEach(() => ots.server.faults.clear());

/** Requests the server saw while `fn` ran, apart from the version lookup that follows a successful status(). */
async function counting(fn: () => Promise<unknown>): Promise<{ count: number; paths: string[] }> {
  const before = ots.server.requests.length;
  await fn();
  const seen = ots.server.requests.slice(before).filter((r) => r.path !== '/api/v2/version');
  return { count: seen.length, paths: seen.map((r) => r.path) };
}

/** The error a call fails with (the test fails if it succeeds), and the requests it sent, as counted above. */
async function failing(
  call: () => Promise<unknown>,
): Promise<{ error: Failure; count: number; paths: string[] }> {
  let error = new Error() as Failure;
  const seen = await counting(async () => {
    error = await rejection(call());
  });
  return { error, ...seen };
}

describe('timeoutMs', () => {
  it('aborts a request that gets no answer in time (a minute-long stall would otherwise hang the test)', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'delay', ms: 60_000 });
    const client = ots.client({ timeoutMs: 50, maxRetries: 0 });
    const error = await rejection(client.status());
    expect(error).toBeInstanceOf(OtsTimeoutError);
    expect(error.message).toMatch(/no complete answer within 50 ms/);
    // The pool is still usable afterwards (given time enough for a loaded machine to answer).
    await expect(client.status({ timeoutMs: 10_000 })).resolves.toMatchObject({ status: 'nominal' });
  });

  it('can be set per call', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'delay', ms: 60_000 });
    const client = ots.client({ maxRetries: 0 });
    expect(await rejection(client.status({ timeoutMs: 30 }))).toBeInstanceOf(OtsTimeoutError);
  });

  it('is the deadline of the whole call: a read that used it up is not sent again', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'delay', ms: 60_000, times: 3 });
    const client = ots.client({ timeoutMs: 100, maxRetries: 2 });
    const { error, count } = await failing(() => client.status());
    expect(error).toBeInstanceOf(OtsTimeoutError);
    expect(error.message).toMatch(/no complete answer within 100 ms/);
    expect(count).toBe(1);
  });

  // Retry-After: 1 fits the 1.7 s deadline once; a second wait of 1 s would end after it, so the answer stands.
  it('starts no retry whose wait would end after the deadline: a read gets the answer it has', async () => {
    ots.server.faults.add({
      path: '/api/v2/status',
      type: 'status',
      status: 503,
      body: '{"message":"busy"}',
      contentType: 'application/json',
      headers: { 'Retry-After': '1' },
      times: 10,
    });
    const client = ots.client({ timeoutMs: 1_700, maxRetries: 5 });
    const { error, count } = await failing(() => client.status());
    expect(error).toBeInstanceOf(OtsServerError);
    expect(count).toBe(2);
  });

  it('gives a write retried after 429 only the time that is left', async () => {
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'rate-limit', retryAfter: 1, times: 10 });
    const client = ots.client({ timeoutMs: 1_700, maxRetries: 5 });
    const { error, count } = await failing(() => client.share('rate limited write'));
    expect(error).toBeInstanceOf(OtsRateLimitError);
    expect(error).toMatchObject({ retryAfter: 1 });
    expect(count).toBe(2);
  });

  // .invalid never resolves (RFC 6761): the lookup fails before a byte of the request exists on the wire. undici
  // reports each connection attempt on its diagnostics channel, which is how the attempts are counted here.
  it('retries a write whose host name did not resolve, and does not say it may have happened', async () => {
    const attempts: unknown[] = [];
    const count = (message: unknown) => attempts.push(message);
    diagnostics.subscribe('undici:client:connectError', count);
    const client = new OtsClient({ baseUrl: 'https://ots.example.invalid', maxRetries: 2 });
    try {
      const error = await rejection(client.share('never sent'));
      expect(error).toBeInstanceOf(OtsNetworkError);
      expect(['ENOTFOUND', 'EAI_AGAIN']).toContain((error.cause as { code?: string }).code);
      expect(error.message).not.toMatch(/may have been created/);
      expect(attempts).toHaveLength(3);
    } finally {
      diagnostics.unsubscribe('undici:client:connectError', count);
      await client.close();
    }
  });

  it('never retries a write that timed out, and says it may have happened', async () => {
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'delay', ms: 60_000 });
    const client = ots.client({ timeoutMs: 50, maxRetries: 2 });
    const { error, count } = await failing(() => client.share('slow write'));
    expect(error).toBeInstanceOf(OtsTimeoutError);
    expect(error.message).toMatch(/may have been created anyway/);
    expect(count).toBe(1);
  });
});

describe('caller abort', () => {
  it('stops a request in flight', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'delay', ms: 60_000 });
    const client = ots.client();
    const controller = new AbortController();
    const before = ots.server.requests.length;
    const pending = client.status({ signal: controller.signal });
    // Aborted once the server holds it: a request aborted on its way could reach the server later, on a loaded
    // machine, and take the next test's fault.
    await vi.waitFor(() => expect(ots.server.requests.length).toBeGreaterThan(before));
    controller.abort();
    const error = await rejection(pending);
    expect(error).toBeInstanceOf(OtsAbortError);
  });

  it('ends the wait before a retry, and sends nothing more', async () => {
    ots.server.faults.add({
      path: '/api/v2/status',
      type: 'status',
      status: 503,
      headers: { 'Retry-After': '5' },
    });
    const client = ots.client({ maxRetries: 2 });
    const controller = new AbortController();
    const before = ots.server.requests.length;
    const { error, count } = await failing(async () => {
      const pending = client.status({ signal: controller.signal });
      // The 503 goes out as the server logs the request; a second later the client is inside the 5 s wait.
      await vi.waitFor(() => expect(ots.server.requests.length).toBeGreaterThan(before));
      setTimeout(() => controller.abort(), 1_000);
      return pending;
    });
    expect(error).toBeInstanceOf(OtsAbortError);
    expect(error.message).toBe(
      'OTS status (GET /api/v2/status): aborted by the caller while waiting to retry.',
    );
    expect(error).toMatchObject({ method: 'GET', path: '/api/v2/status' });
    expect(count).toBe(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const client = ots.client();
    const { error, count } = await failing(() => client.share('never sent', { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(OtsAbortError);
    expect(count).toBe(0);
  });

  // Not a failed connection that "may have created the secret": bad input, refused before anything is sent.
  it('a signal that is not an AbortSignal is refused as input, naming signal, and nothing is sent', async () => {
    const client = ots.client({ maxRetries: 0 });
    const { count } = await counting(async () => {
      const error = await rejection(client.share('never sent', { signal: {} as AbortSignal }));
      expect(error).toBeInstanceOf(OtsInputError);
      expect(error.message).toBe(
        "signal: expected an AbortSignal (an AbortController's signal, or AbortSignal.timeout(ms)).",
      );
      expect(error.message).not.toMatch(/may have been created/);
    });
    expect(count).toBe(0);
  });
});

describe('connection resets and truncated answers', () => {
  it('retries a read after a reset', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'reset' });
    const client = ots.client();
    const { count } = await counting(() =>
      expect(client.status()).resolves.toMatchObject({ status: 'nominal' }),
    );
    expect(count).toBe(2);
  });

  it('reports a reset write as a network error without retrying', async () => {
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'reset' });
    const client = ots.client();
    const { error, count } = await failing(() => client.share('reset write'));
    expect(error).toBeInstanceOf(OtsNetworkError);
    expect(error.message).toMatch(/connection failed/);
    expect((error.cause as { code?: string }).code).toMatch(/^UND_ERR_|^ECONNRESET$/);
    expect(count).toBe(1);
  });

  it.each([
    ['a read', 'receipt'],
    ['a write', 'share'],
  ])('reports a truncated answer to %s as a network error', async (_, kind) => {
    const client = ots.client({ maxRetries: 0 });
    const shared = await client.share('to be read back');
    ots.server.faults.add({ type: 'truncate' });
    const call = kind === 'receipt' ? client.receipt(shared.receiptKey) : client.share('truncated answer');
    const error = await rejection(call);
    expect(error).toBeInstanceOf(OtsNetworkError);
  });
});

describe('5xx, HTML and empty answers', () => {
  it('retries a read through 502/503/504, then reports server_error with the status', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'html', status: 502, times: 10 });
    const client = ots.client({ maxRetries: 2 });
    const { error, count } = await failing(() => client.status());
    expect(count).toBe(3);
    expect(error).toBeInstanceOf(OtsServerError);
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/HTML page, likely from a proxy/);
  });

  it('recovers when the gateway recovers', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'status', status: 503, body: '', times: 1 });
    const client = ots.client();
    const { count } = await counting(() =>
      expect(client.status()).resolves.toMatchObject({ status: 'nominal' }),
    );
    expect(count).toBe(2);
  });

  it('never retries a write on 5xx', async () => {
    ots.server.faults.add({
      path: '/api/v2/secret/conceal',
      type: 'status',
      status: 503,
      body: 'Service Unavailable',
      contentType: 'text/plain',
    });
    const client = ots.client();
    const { error, count } = await failing(() => client.share('no retry'));
    expect(count).toBe(1);
    expect(error).toBeInstanceOf(OtsServerError);
    expect(error.message).toMatch(/not JSON/);
  });

  it('does not retry a 500', async () => {
    ots.server.faults.add({
      path: '/api/v2/status',
      type: 'status',
      status: 500,
      body: '{"error":"boom"}',
      contentType: 'application/json',
    });
    const client = ots.client();
    const { error, count } = await failing(() => client.status());
    expect(error.code).toBe('server_error');
    expect(count).toBe(1);
  });

  it.each([
    ['an empty 200', { status: 200, body: '' }, /empty body/],
    [
      'a 200 that is not JSON',
      { status: 200, body: '<html>ok</html>', contentType: 'text/html' },
      /HTML page/,
    ],
    [
      'a 200 of the wrong shape',
      { status: 200, body: '{"unexpected":true}', contentType: 'application/json' },
      /not in a format/,
    ],
  ])('reports %s as server_error', async (_, fault, message) => {
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'status', ...fault });
    const error = await rejection(ots.client().share('odd answer'));
    expect(error).toBeInstanceOf(OtsServerError);
    expect(error.message).toMatch(message);
  });
});

describe('429 and Retry-After', () => {
  it('retries a read after the server-given delay', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'rate-limit', retryAfter: 0, times: 2 });
    const client = ots.client();
    const { count } = await counting(() =>
      expect(client.status()).resolves.toMatchObject({ status: 'nominal' }),
    );
    expect(count).toBe(3);
  });

  it('gives up after maxRetries with rate_limited and retryAfter', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'rate-limit', retryAfter: 0, times: 10 });
    const client = ots.client({ maxRetries: 1 });
    const { error, count } = await failing(() => client.status());
    expect(count).toBe(2);
    expect(error).toBeInstanceOf(OtsRateLimitError);
    expect(error.retryAfter).toBe(0);
  });

  it('does not sit out a long Retry-After: the caller gets it', async () => {
    ots.server.faults.add({ path: '/api/v2/status', type: 'rate-limit', retryAfter: 120 });
    const client = ots.client();
    const { error, count } = await failing(() => client.status());
    expect(count).toBe(1);
    expect(error.retryAfter).toBe(120);
    expect(error.message).toMatch(/Retry after 120 s/);
  });

  it.each(['share', 'generate', 'reveal', 'burn'] as const)(
    'retries %s refused with 429 (the server did nothing) up to maxRetries, then rate_limited',
    async (operation) => {
      const client = ots.client();
      const shared = await client.share('rate limited');
      ots.server.faults.add({ type: 'rate-limit', retryAfter: 0, times: 10 });
      const calls = {
        share: () => client.share('again'),
        generate: () => client.generate(),
        reveal: () => client.reveal(shared.secretKey!),
        burn: () => client.burn(shared.receiptKey),
      };
      const { error, count } = await failing(calls[operation]);
      expect(count).toBe(3);
      expect(error).toBeInstanceOf(OtsRateLimitError);
      expect(error.retryAfter).toBe(0);
      expect(error.message).toMatch(/did not act on this request/);
    },
  );

  it('a share refused once with 429 goes through after Retry-After: exactly one secret', async () => {
    const client = ots.client();
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'rate-limit', retryAfter: 1 });
    let receipt: Awaited<ReturnType<typeof client.share>> | undefined;
    const { paths } = await counting(async () => {
      receipt = await client.share('after the limit');
    });
    expect(paths).toEqual(['/api/v2/secret/conceal', '/api/v2/secret/conceal']);
    expect((await client.reveal(receipt!.secretKey!)).value).toBe('after the limit');
  });

  it('a write is not retried when Retry-After does not fit: over 30 s, or over the call deadline', async () => {
    const client = ots.client();
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'rate-limit', retryAfter: 1800 });
    let { error, count } = await failing(() => client.share('not now'));
    expect(count).toBe(1);
    expect(error).toBeInstanceOf(OtsRateLimitError);
    expect(error.retryAfter).toBe(1800);
    expect(error.message).toMatch(/Retry after 1800 s/);

    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'rate-limit', retryAfter: 2 });
    ({ error, count } = await failing(() => client.share('not within a second', { timeoutMs: 1000 })));
    expect(count).toBe(1);
    expect(error.retryAfter).toBe(2);
  });

  it('never retries v1\'s rate limit (404 "Cripes!"): the server may have acted', async () => {
    ots.server.faults.add({
      path: '/api/v1/share',
      type: 'status',
      status: 404,
      body: '{"message":"Cripes! You have been rate limited."}',
    });
    const client = ots.client({ apiVersion: 'v1' });
    const { error, count } = await failing(() => client.share('maybe created'));
    expect(count).toBe(1);
    expect(error).toBeInstanceOf(OtsRateLimitError);
    expect(error.message).not.toMatch(/did not act/);
  });

  it.each(['receipt', 'recent'] as const)('retries %s', async (operation) => {
    const client = ots.client({
      username: 'tester@example.com',
      apiToken: 'testtoken0123456789abcdef0123456789abcdef',
    });
    const shared = await client.share('rate limited read');
    ots.server.faults.add({ type: 'rate-limit', retryAfter: 0, times: 1 });
    const { count } = await counting(() =>
      operation === 'receipt' ? client.receipt(shared.receiptKey) : client.recent(),
    );
    expect(count).toBe(2);
  });
});

describe('status and the server version', () => {
  it('still answers when the version lookup fails', async () => {
    ots.server.faults.add({
      path: '/api/v2/version',
      type: 'status',
      status: 401,
      body: '{"error":"Not authorized"}',
    });
    const status = await ots.client().status();
    expect(status).toEqual({ status: 'nominal', locale: 'en' });
  });
});

describe('a closed client', () => {
  it('refuses further calls without sending, and closing twice is harmless', async () => {
    const client = ots.client();
    await client.status();
    await client.close();
    await client.close();
    const { error, count } = await failing(() => client.status());
    expect(error.message).toMatch(/this OtsClient was closed/);
    expect(count).toBe(0);
  });
});

describe('answers a client should not follow or retry', () => {
  it('reports a redirect with its target instead of following it', async () => {
    ots.server.faults.add({
      path: '/api/v2/secret/conceal',
      type: 'status',
      status: 301,
      body: '',
      headers: { Location: 'https://ots.example.com/api/v2/secret/conceal' },
    });
    const { error, count } = await failing(() => ots.client().share('not to be resent'));
    expect(error).toBeInstanceOf(OtsServerError);
    expect(error.message).toMatch(
      /redirected to https:\/\/ots\.example\.com\/api\/v2\/secret\/conceal\. Redirects/,
    );
    expect(count).toBe(1);
  });

  it('reports 413 from a proxy as a too-large secret', async () => {
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'html', status: 413 });
    const error = await rejection(ots.client().share('big'));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('secret');
    expect(error.message).toMatch(/too large; lower maxSecretBytes/);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially with jitter, capped', () => {
    for (let i = 0; i < 100; i++) {
      const first = retryDelayMs(1)!;
      const third = retryDelayMs(3)!;
      const tenth = retryDelayMs(10)!;
      expect(first).toBeGreaterThanOrEqual(100);
      expect(first).toBeLessThanOrEqual(200);
      expect(third).toBeGreaterThanOrEqual(400);
      expect(third).toBeLessThanOrEqual(800);
      expect(tenth).toBeLessThanOrEqual(5_000);
    }
  });

  it('follows Retry-After, and leaves a long one to the caller', () => {
    expect(retryDelayMs(1, '2')).toBe(2_000);
    expect(retryDelayMs(1, '0')).toBe(0);
    expect(retryDelayMs(1, String(MAX_RETRY_AFTER_MS / 1000 + 1))).toBeUndefined();
  });

  it('retries only rate limiting and failed gateways', () => {
    expect([...RETRY_STATUSES].sort()).toEqual([429, 502, 503, 504]);
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

describe('header', () => {
  it('takes the first of a repeated header', () => {
    expect(header({ 'retry-after': ['3', '9'] }, 'retry-after')).toBe('3');
    expect(header({ 'retry-after': '5' }, 'retry-after')).toBe('5');
    expect(header({}, 'retry-after')).toBeUndefined();
  });
});
