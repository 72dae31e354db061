// An https:// target goes through HTTPS_PROXY as a CONNECT tunnel. This file loads core and nothing of undici's
// entry (which adds connect() to every dispatcher by itself), as a user's process or the action bundle does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { OtsNetworkError } from '../../../core/errors/kinds.ts';
import { rejection } from '../support/server.ts';

let proxy: ProxyServer;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  // A proxy that refuses every tunnel (407): what is asserted is that the client asked for one.
  proxy = createProxy(createServer());
  proxy.authenticate = () => false;
  proxy.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('a CONNECT tunnel through HTTPS_PROXY', () => {
  it("is asked of the proxy for an https:// target, and the proxy's refusal is what the error reports", async () => {
    const client = new OtsClient({
      baseUrl: 'https://ots.example.invalid',
      env: { HTTPS_PROXY: proxyUrl },
      maxRetries: 0,
    });
    try {
      const error = await rejection(client.share('through-the-tunnel'));
      expect(error).toBeInstanceOf(OtsNetworkError);
      expect((error as Error).message).toMatch(/407/);
      expect((error as Error).message).not.toMatch(/not a function/);
    } finally {
      await client.close();
    }
    expect(seen).toEqual(['CONNECT ots.example.invalid:443']);
  });
});
