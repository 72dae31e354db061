// Proxies from HTTP(S)_PROXY / NO_PROXY through a real local proxy, and injected dispatchers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { OtsNetworkError } from '../../../core/errors/kinds.ts';
import { rejection, useServer } from '../support/server.ts';

const ots = useServer();
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  proxy = createProxy(createServer());
  proxy.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
  proxy.on('request', (req) => seen.push(`${req.method} ${req.url}`));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('proxies from the environment', () => {
  it('sends every request through HTTP_PROXY', async () => {
    seen.length = 0;
    const client = OtsClient.fromEnv({ OTS_BASE_URL: ots.server.url, HTTP_PROXY: proxyUrl });
    try {
      const receipt = await client.share('through the proxy');
      expect((await client.reveal(receipt.secretKey!)).value).toBe('through the proxy');
    } finally {
      await client.close();
    }
    // For an http:// target the proxy forwards absolute-form requests (https:// would be a CONNECT tunnel).
    const origin = `http://127.0.0.1:${ots.server.port}`;
    expect(seen.map((line) => line.replace(/[0-9a-z]{62}/, ':key'))).toEqual([
      `POST ${origin}/api/v2/secret/conceal`,
      `POST ${origin}/api/v2/secret/:key/reveal`,
    ]);
  });

  it('honours lowercase http_proxy passed as the env option', async () => {
    seen.length = 0;
    const client = new OtsClient({ baseUrl: ots.server.url, env: { http_proxy: proxyUrl } });
    try {
      await client.status();
    } finally {
      await client.close();
    }
    expect(seen).toEqual([
      `GET http://127.0.0.1:${ots.server.port}/api/v2/status`,
      `GET http://127.0.0.1:${ots.server.port}/api/v2/version`,
    ]);
  });

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    seen.length = 0;
    const client = OtsClient.fromEnv({
      OTS_BASE_URL: ots.server.url,
      HTTP_PROXY: proxyUrl,
      NO_PROXY: '127.0.0.1',
    });
    try {
      await client.status();
    } finally {
      await client.close();
    }
    expect(seen).toEqual([]);
  });

  it('reports an unreachable proxy as a network error', async () => {
    const client = OtsClient.fromEnv(
      { OTS_BASE_URL: ots.server.url, HTTP_PROXY: 'http://127.0.0.1:9' },
      { maxRetries: 0 },
    );
    try {
      expect(await rejection(client.status())).toBeInstanceOf(OtsNetworkError);
    } finally {
      await client.close();
    }
  });
});

describe('an injected dispatcher', () => {
  it('is used instead of the environment proxy, and left open by close()', async () => {
    seen.length = 0;
    const agent = new Agent();
    const client = new OtsClient({
      baseUrl: ots.server.url,
      dispatcher: agent,
      env: { HTTP_PROXY: proxyUrl },
    });
    await client.status();
    await client.close();
    expect(seen).toEqual([]);
    const again = new OtsClient({ baseUrl: ots.server.url, dispatcher: agent });
    await expect(again.status()).resolves.toMatchObject({ status: 'nominal' });
    await agent.close();
  });
});
