import { afterEach, describe, expect, it } from 'vitest';
import type { EraName } from '../../server/era.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { call, TESTER } from './helpers.ts';

// Wire details real OTS routers have and clients stumble on: HEAD is answered by the GET routes,
// and query strings and form bodies are split the way each era's Rack splits them.

let server: OtsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ERAS: EraName[] = ['v0.23', 'current'];

describe.each(ERAS)('HEAD in the %s era', (era) => {
  it('runs the GET route and sends its headers without a body', async () => {
    server = await startOtsServer({ era, accounts: [TESTER] });
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x' } });
    for (const path of ['/api/v1/status', '/api/v2/status', `/api/v1/private/${created.json.metadata_key}`]) {
      const get = await fetch(`${server.url}${path}`);
      const head = await fetch(`${server.url}${path}`, { method: 'HEAD' });
      expect([path, head.status]).toEqual([path, 200]);
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
      expect(await head.text()).toBe('');
    }
  });

  it('finds no route where GET has none', async () => {
    server = await startOtsServer({ era });
    const head = await fetch(`${server.url}/api/v1/share`, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });
});

describe('query strings and form bodies as Rack splits them', () => {
  it('v0.23 (Rack 2) splits a query string on ";" as well as "&"', async () => {
    server = await startOtsServer({ era: 'v0.23' });
    const created = await call(server, 'POST', '/api/v1/share?secret=semi;ttl=600');
    expect(created.json.ttl).toBe(600);
    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`);
    expect(revealed.json.value).toBe('semi');
  });

  it('current (Rack 3) splits a query string on "&" only: ";" stays in the value', async () => {
    server = await startOtsServer({ era: 'current' });
    const created = await call(server, 'POST', '/api/v1/share?secret=semi;ttl=600');
    expect(created.json.ttl).toBe(604_800);
    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`);
    expect(revealed.json.value).toBe('semi;ttl=600');
  });

  it.each(ERAS)('%s: a form body splits on "&" only, in both eras', async (era) => {
    server = await startOtsServer({ era });
    const created = await call(server, 'POST', '/api/v1/share', {
      body: 'secret=a;ttl=600',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.json.ttl).toBe(604_800);
  });

  it.each(ERAS)('%s: spaces after "&" are not part of the next name', async (era) => {
    server = await startOtsServer({ era });
    const created = await call(server, 'POST', '/api/v1/share', {
      body: 'secret=spaced&   ttl=600',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.json.ttl).toBe(600);
    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`);
    expect(revealed.json.value).toBe('spaced');
  });

  it('an encoded space (%20) after "&" stays in the name, as Rack splits before decoding', async () => {
    server = await startOtsServer({ era: 'current' });
    const created = await call(server, 'POST', '/api/v1/share?secret=x&%20ttl=600');
    expect(created.json.ttl).toBe(604_800);
  });
});
