// generate(): who makes the password. Under 'auto' the server does (API v1 /generate, served by every OTS
// version); only a pinned v2, or a v1 that is not served, makes it on this machine and conceals it.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../server/index.ts';
import { ACCOUNT, rejection, useServer } from './support/server.ts';

// What an OTS answers on a path it does not route.
const UNROUTED: Fault = {
  path: /\/api\/v1\/generate$/,
  type: 'status',
  status: 404,
  body: '{"error":"Not Found"}',
  contentType: 'application/json',
};

describe.each(['current', 'v0.23'] as const)('generate() against an OTS %s server', (era) => {
  const ots = useServer({ era });
  const sent = (before: number) => ots.server.requests.slice(before).map((r) => `${r.method} ${r.path}`);

  it('under auto, lets the server generate it with exactly one v1 /generate', async () => {
    const client = ots.client();
    const before = ots.server.requests.length;
    const generated = await client.generate({ ttl: 600 });
    expect(sent(before)).toEqual(['POST /api/v1/generate']);
    expect(ots.server.requests.at(-1)?.contentType).toBe('application/x-www-form-urlencoded');
    expect(generated.generatedBy).toBe('server');
    expect(generated.value).toHaveLength(12); // the server's default length
    expect(generated).toMatchObject({ state: 'new', ttl: 600 });
    expect((await client.reveal(generated.secretKey!)).value).toBe(generated.value);
  });

  it('under auto, passes length and passphrase to the server', async () => {
    const client = ots.client({ ...ACCOUNT });
    const generated = await client.generate({ length: 20, passphrase: 'correct horse' });
    expect(generated).toMatchObject({ generatedBy: 'server', passphraseRequired: true });
    expect(generated.value).toHaveLength(20);
    const revealed = await client.reveal(generated.secretUrl!, { passphrase: 'correct horse' });
    expect(revealed.value).toBe(generated.value);
  });

  it('pinned to v2, makes it on this machine (default 16) and conceals it once', async () => {
    const client = ots.client({ apiVersion: 'v2' });
    const before = ots.server.requests.length;
    const generated = await client.generate();
    expect(sent(before)).toEqual(['POST /api/v2/secret/conceal']);
    expect(generated.generatedBy).toBe('client');
    expect(generated.value).toHaveLength(16);
    expect((await client.reveal(generated.secretKey!)).value).toBe(generated.value);
  });

  it('under auto, falls back to a local password when v1 /generate is not routed', async () => {
    const client = ots.client();
    ots.server.faults.add(UNROUTED);
    const before = ots.server.requests.length;
    const generated = await client.generate({ length: 24 });
    expect(sent(before)).toEqual(['POST /api/v1/generate', 'POST /api/v2/secret/conceal']);
    expect(generated.generatedBy).toBe('client');
    expect(generated.value).toHaveLength(24);
    expect((await client.reveal(generated.secretKey!)).value).toBe(generated.value);
  });

  it('under auto, falls back when v1 is closed to requests with credentials (servers without accounts)', async () => {
    const client = ots.client({ ...ACCOUNT });
    ots.server.faults.add({
      path: /\/api\/v1\/generate$/,
      type: 'status',
      status: 404,
      body: '{"message":"/api/v1/generate is not available"}',
      contentType: 'application/json',
    });
    const before = ots.server.requests.length;
    const generated = await client.generate();
    expect(sent(before)).toEqual(['POST /api/v1/generate', 'POST /api/v2/secret/conceal']);
    expect(generated.generatedBy).toBe('client');
  });

  it.each([
    ['a server error', { type: 'status', status: 500, body: '{"message":"boom"}' }, 'server_error'],
    ['a reset connection', { type: 'reset' }, 'network'],
    ['an HTML 404 from a proxy', { type: 'html', status: 404 }, 'not_found'],
  ] as const)('under auto, never sends a generate again after %s', async (_, fault, code) => {
    const client = ots.client({ maxRetries: 2 });
    ots.server.faults.add({ path: /\/api\/v1\/generate$/, ...fault });
    const before = ots.server.requests.length;
    const error = await rejection(client.generate());
    expect(error.code).toBe(code);
    expect(sent(before)).toEqual(['POST /api/v1/generate']);
  });

  it('pinned to v1 reports an unrouted /generate instead of generating locally', async () => {
    const client = ots.client({ apiVersion: 'v1' });
    ots.server.faults.add(UNROUTED);
    const before = ots.server.requests.length;
    const error = await rejection(client.generate());
    expect(error.code).toBe('not_found');
    expect(sent(before)).toEqual(['POST /api/v1/generate']);
  });
});
