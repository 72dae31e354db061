// Proxies from HTTP(S)_PROXY / NO_PROXY through a real local proxy, and injected dispatchers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { ProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { OtsNetworkError } from '../../../core/errors/kinds.ts';
import { ACCOUNT, inputError, rejection, useServer } from '../support/server.ts';

const ots = useServer();
const ACCOUNT_ENV = { OTS_USERNAME: ACCOUNT.username, OTS_API_TOKEN: ACCOUNT.apiToken };
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];
// A name that never resolves by itself (.test is reserved); the proxy resolves it to the local server, as a
// corporate proxy resolves internal names. So only a request that really went through the proxy can succeed.
const REMOTE = 'ots.test';
const remoteUrl = () => `http://${REMOTE}:${ots.server.port}`;

beforeAll(async () => {
  proxy = createProxy(createServer());
  proxy.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
  proxy.prependListener('request', (req) => {
    seen.push(`${req.method} ${req.url}`);
    req.url = req.url?.replace(`//${REMOTE}:`, '//127.0.0.1:');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('proxies from the environment', () => {
  it('never sends a loopback target through HTTP_PROXY: its cleartext would leave the machine', async () => {
    seen.length = 0;
    const proxyWithLogin = proxyUrl.replace('//', '//corp-user:pw@');
    const client = OtsClient.fromEnv({
      OTS_BASE_URL: ots.server.url,
      HTTP_PROXY: proxyWithLogin,
      ...ACCOUNT_ENV,
    });
    const before = ots.server.requests.length;
    try {
      const receipt = await client.share('not for the proxy');
      expect((await client.reveal(receipt.secretKey!)).value).toBe('not for the proxy');
    } finally {
      await client.close();
    }
    expect(seen).toEqual([]);
    expect(ots.server.requests.length).toBe(before + 2);
  });

  it('sends a non-loopback target through HTTP_PROXY', async () => {
    seen.length = 0;
    const client = OtsClient.fromEnv(
      { OTS_BASE_URL: remoteUrl(), HTTP_PROXY: proxyUrl },
      { allowInsecureHttp: true },
    );
    try {
      const receipt = await client.share('through the proxy');
      expect((await client.reveal(receipt.secretKey!)).value).toBe('through the proxy');
    } finally {
      await client.close();
    }
    // For an http:// target the proxy forwards absolute-form requests (https:// would be a CONNECT tunnel).
    expect(seen.map((line) => line.replace(/[0-9a-z]{62}/, ':key'))).toEqual([
      `POST ${remoteUrl()}/api/v2/secret/conceal`,
      `POST ${remoteUrl()}/api/v2/secret/:key/reveal`,
    ]);
  });

  it('honours lowercase http_proxy passed as the env option', async () => {
    seen.length = 0;
    const client = new OtsClient({
      baseUrl: remoteUrl(),
      allowInsecureHttp: true,
      env: { http_proxy: proxyUrl },
    });
    try {
      await client.status();
    } finally {
      await client.close();
    }
    expect(seen).toEqual([`GET ${remoteUrl()}/api/v2/status`, `GET ${remoteUrl()}/api/v2/version`]);
  });

  it('bypasses the proxy for NO_PROXY hosts (so the unresolvable name then fails directly)', async () => {
    seen.length = 0;
    const client = OtsClient.fromEnv(
      { OTS_BASE_URL: remoteUrl(), HTTP_PROXY: proxyUrl, NO_PROXY: REMOTE },
      { allowInsecureHttp: true, maxRetries: 0 },
    );
    try {
      expect(await rejection(client.status())).toBeInstanceOf(OtsNetworkError);
    } finally {
      await client.close();
    }
    expect(seen).toEqual([]);
  });

  it('reports an unreachable proxy as a network error', async () => {
    const client = OtsClient.fromEnv(
      { OTS_BASE_URL: remoteUrl(), HTTP_PROXY: 'http://127.0.0.1:9' },
      { allowInsecureHttp: true, maxRetries: 0 },
    );
    try {
      expect(await rejection(client.status())).toBeInstanceOf(OtsNetworkError);
    } finally {
      await client.close();
    }
  });

  it.each([
    ['HTTPS_PROXY', 'http://corp-user:p#ss@proxy.corp:3128'],
    ['HTTPS_PROXY', 'proxy.corp:3128'],
    ['https_proxy', 'ftp://corp-user:p4ss@proxy.corp:21'],
    ['HTTP_PROXY', 'http://corp-user:p#ss@proxy.corp:3128'],
  ])('refuses a malformed %s without repeating its password', (name, value) => {
    const error = inputError(
      () => new OtsClient({ baseUrl: 'https://ots.example.com', env: { [name]: value } }),
    );
    expect(error.field).toBe(name);
    expect(error.message).toMatch(new RegExp(`^${name}: is not a proxy URL; use the form http://host:port`));
    const everything = `${error.stack} ${JSON.stringify(error)} ${JSON.stringify(Object.entries(error))} ${String(error.cause)}`;
    expect(everything).not.toMatch(/p#ss|p4ss|proxy\.corp/);
  });
});

describe('an injected dispatcher', () => {
  it('is used instead of the environment proxy, and left open by close()', async () => {
    seen.length = 0;
    const agent = new ProxyAgent(proxyUrl);
    const client = new OtsClient({
      baseUrl: remoteUrl(),
      allowInsecureHttp: true,
      dispatcher: agent,
      env: { HTTP_PROXY: 'http://127.0.0.1:9' },
    });
    await client.status();
    await client.close();
    expect(seen).toEqual([`GET ${remoteUrl()}/api/v2/status`, `GET ${remoteUrl()}/api/v2/version`]);
    const again = new OtsClient({ baseUrl: remoteUrl(), allowInsecureHttp: true, dispatcher: agent });
    await expect(again.status()).resolves.toMatchObject({ status: 'nominal' });
    await agent.close();
  });
});
