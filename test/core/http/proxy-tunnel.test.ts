// An https:// target goes through HTTPS_PROXY as a CONNECT tunnel. This file loads core and nothing of undici's
// entry (which adds connect() to every dispatcher by itself), as a user's process or the action bundle does. It is
// an isolated (integration) file, and checks that it still is: in the unit project's shared module graph another
// file has usually loaded the entry already, and the tunnel test would pass without core's connect().
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { OtsNetworkError } from '../../../core/errors/kinds.ts';
import { rejection } from '../support/server.ts';

const require = createRequire(import.meta.url);
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
    expect(
      require.cache[require.resolve('undici')],
      "undici's entry is loaded: this test proves nothing",
    ).toBe(undefined);
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

describe("undici's shared Dispatcher prototype", () => {
  it('keeps a connect() the application (or its tracing agent) installed before core was loaded', async () => {
    // Core adds connect() for processes that never load undici's entry; where it is there, it is not core's to
    // replace: a wrapper installed on this same undici would silently stop working for the application's own calls.
    const { Dispatcher } = await import('undici');
    const original = Dispatcher.prototype.connect;
    const wrapped = function (this: InstanceType<typeof Dispatcher>, ...args: unknown[]) {
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    Dispatcher.prototype.connect = wrapped;
    try {
      vi.resetModules();
      await import('../../../core/http/dispatcher.ts');
      expect(Dispatcher.prototype.connect).toBe(wrapped);
    } finally {
      Dispatcher.prototype.connect = original;
    }
  });
});
