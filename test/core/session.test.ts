// apiVersion 'auto': v2 first, v1 when the server does not route v2, and the decision sticks per client.
import { describe, expect, it, vi } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { OtsNotFoundError } from '../../core/errors/kinds.ts';
import { startScriptedServer } from '../hostile/support/scripted-server.ts';
import { rejection, useServer } from './support/server.ts';

const UNROUTED = {
  type: 'status',
  status: 404,
  body: '{"error":"Not Found"}',
  contentType: 'application/json',
} as const;

describe('apiVersion auto', () => {
  const ots = useServer();

  it('uses v2 when the server routes it, and stays on v2', async () => {
    const client = ots.client();
    expect(client.apiVersion).toBeUndefined();
    const before = ots.server.requests.length;
    const receipt = await client.share('auto v2');
    await client.reveal(receipt.secretKey!);
    expect(client.apiVersion).toBe('v2');
    expect(ots.server.requests.slice(before).map((r) => r.path.split('/')[2])).toEqual(['v2', 'v2']);
  });

  it('falls back to v1 when v2 is not routed, and remembers it', async () => {
    ots.server.faults.add({ path: /^\/api\/v2\//, ...UNROUTED, times: 1000 });
    try {
      const client = ots.client();
      const before = ots.server.requests.length;
      const receipt = await client.share('auto fallback', { ttl: 600 });
      expect(client.apiVersion).toBe('v1');
      expect(receipt).toMatchObject({ state: 'new', ttl: 600 });
      const revealed = await client.reveal(receipt.secretUrl!);
      expect(revealed.value).toBe('auto fallback');
      await client.status();
      // One v2 probe (the unrouted conceal, which created nothing), then v1 only.
      expect(
        ots.server.requests
          .slice(before)
          .map((r) => `${r.method} ${r.path.replace(/[0-9a-z]{20,}/, ':key')}`),
      ).toEqual([
        'POST /api/v2/secret/conceal',
        'POST /api/v1/share',
        'POST /api/v1/secret/:key',
        'GET /api/v1/status',
      ]);
    } finally {
      ots.server.faults.clear();
    }
  });

  it('remembers v1 even when the first v1 answer was an OTS error', async () => {
    ots.server.faults.add({ path: /^\/api\/v2\//, ...UNROUTED, times: 1000 });
    try {
      const client = ots.client();
      const before = ots.server.requests.length;
      expect(await rejection(client.reveal('b'.repeat(62)))).toBeInstanceOf(OtsNotFoundError);
      expect(client.apiVersion).toBe('v1');
      await client.status();
      expect(ots.server.requests.slice(before).map((r) => r.path.split('/')[2])).toEqual(['v2', 'v1', 'v1']);
    } finally {
      ots.server.faults.clear();
    }
  });

  it('decides nothing on a proxy error page', async () => {
    ots.server.faults.add({ type: 'html', status: 502, times: 3 });
    const client = ots.client({ maxRetries: 0 });
    expect((await rejection(client.share('x'))).code).toBe('server_error');
    expect(client.apiVersion).toBeUndefined();
    ots.server.faults.clear();
  });

  it('does not fall back on a v2 error that is not "route not found"', async () => {
    const client = ots.client();
    const before = ots.server.requests.length;
    const error = await rejection(client.reveal('a'.repeat(62)));
    expect(error).toBeInstanceOf(OtsNotFoundError);
    expect(ots.server.requests.slice(before).map((r) => r.path.split('/')[2])).toEqual(['v2']);
  });

  it('with apiVersion v2, an unrouted v2 is reported, not worked around', async () => {
    ots.server.faults.add({ path: /^\/api\/v2\//, ...UNROUTED });
    const client = ots.client({ apiVersion: 'v2' });
    const error = await rejection(client.status());
    expect(error).toBeInstanceOf(OtsNotFoundError);
    expect(error.message).toMatch(/does not serve this API v2 endpoint.*apiVersion/);
    expect(ots.server.requests.at(-1)?.path).toBe('/api/v2/status');
  });
});

describe('apiVersion auto, with calls in flight while it settles', () => {
  it('a call sent over v2 before another settled on v1 still falls back when its unrouted 404 comes later', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let v2Requests = 0;
    const server = await startScriptedServer(async (request) => {
      if (!request.path.startsWith('/api/v2/')) return { body: { status: 'nominal', locale: 'en' } };
      // The first v2 request is answered only after a second call has gone v2 -> v1 and settled the client.
      if (++v2Requests === 1) await held;
      return { status: 404, body: { error: 'Not Found' } };
    });
    const client = new OtsClient({ baseUrl: server.url, timeoutMs: 5_000 });
    try {
      const first = client.status();
      await vi.waitFor(() => expect(v2Requests).toBe(1));
      await expect(client.status()).resolves.toMatchObject({ status: 'nominal' });
      expect(client.apiVersion).toBe('v1');
      release();
      await expect(first).resolves.toMatchObject({ status: 'nominal' });
      expect(server.requests.map((r) => r.path)).toEqual([
        '/api/v2/status',
        '/api/v2/status',
        '/api/v1/status',
        '/api/v1/status',
      ]);
    } finally {
      release();
      await client.close();
      await server.close();
    }
  });
});

describe('a self-hosted server under a path prefix', () => {
  const ots = useServer({ basePath: '/ots' });

  it.each(['', '/'])('works with baseUrl ending in %j, and links keep the prefix', async (tail) => {
    const client = ots.client({ baseUrl: `${ots.server.url}${tail}` });
    expect(client.baseUrl).toBe(ots.server.url);
    expect(ots.server.url.endsWith('/ots')).toBe(true);
    const receipt = await client.share('prefixed');
    expect(receipt.secretUrl).toBe(`${ots.server.url}/secret/${receipt.secretKey}`);
    expect(ots.server.requests.at(-1)?.path).toBe('/ots/api/v2/secret/conceal');
    expect((await client.reveal(receipt.secretUrl!)).value).toBe('prefixed');
  });
});

describe('custom share domains', () => {
  const ots = useServer({ domains: ['secrets.example.org'] });

  it.each(['v2', 'v1'] as const)('put the secret link on https://<share domain> (%s)', async (apiVersion) => {
    const client = ots.client({
      apiVersion,
      username: 'tester@example.com',
      apiToken: 'testtoken0123456789abcdef0123456789abcdef',
    });
    const receipt = await client.share('on my domain', { shareDomain: 'secrets.example.org' });
    expect(receipt.shareDomain).toBe('secrets.example.org');
    expect(receipt.secretUrl).toBe(`https://secrets.example.org/secret/${receipt.secretKey}`);
    expect(receipt.receiptUrl).toBe(`${ots.server.url}/receipt/${receipt.receiptKey}`);
    // The link's host is not the API's host: the key is still accepted.
    const revealed = await client.reveal(receipt.secretUrl!);
    expect(revealed.value).toBe('on my domain');
    // v1's reveal names the domain (as a base URL, reported here as its host); v2's does not.
    expect(revealed.shareDomain).toBe(apiVersion === 'v1' ? 'secrets.example.org' : undefined);
  });

  it('reports an unknown share domain as invalid_request on shareDomain', async () => {
    const client = ots.client({
      apiVersion: 'v1',
      username: 'tester@example.com',
      apiToken: 'testtoken0123456789abcdef0123456789abcdef',
    });
    const error = await rejection(client.share('x', { shareDomain: 'example.net' }));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('shareDomain');
  });
});
