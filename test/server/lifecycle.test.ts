import { afterEach, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { call, TESTER, TESTER_AUTH } from './helpers.ts';

let server: OtsServer;
afterEach(async () => {
  await server?.close();
});

describe('secret lifecycle, current era', () => {
  it('shares, reveals exactly once, and reports the receipt as received', async () => {
    server = await startOtsServer({ accounts: [TESTER] });
    const created = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'hello', ttl: '3600', passphrase: 'correcthorse' },
      auth: TESTER_AUTH,
    });
    expect(created.status).toBe(200);
    expect(created.contentType).toBe('application/json; charset=utf-8');
    expect(created.json.secret_key).toMatch(/^[0-9a-z]{62}$/);
    expect(created.json).toMatchObject({
      custid: TESTER.username,
      ttl: 3600,
      state: 'new',
      passphrase_required: true,
    });

    const wrong = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`, {
      form: { passphrase: 'nope' },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json).toEqual({ secret_key: created.json.secret_key, message: 'Unknown secret' });

    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`, {
      form: { passphrase: 'correcthorse' },
    });
    expect(revealed.json.value).toBe('hello');
    const again = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`, {
      form: { passphrase: 'correcthorse' },
    });
    expect(again.status).toBe(404);

    const receipt = await call(server, 'GET', `/api/v1/receipt/${created.json.metadata_key}`);
    expect(receipt.json.state).toBe('received');
    expect(receipt.json).not.toHaveProperty('secret_key');
  });

  it('expires secrets by the controllable clock, keeping the receipt for twice the TTL', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'x', ttl: 60 } },
    });
    const { receipt, secret } = created.json.record;
    server.clock.advance(61);
    expect(
      (await call(server, 'POST', `/api/v2/secret/${secret.identifier}/reveal`, { json: { continue: true } }))
        .status,
    ).toBe(404);
    const after = await call(server, 'GET', `/api/v2/receipt/${receipt.identifier}`);
    expect(after.json.record.state).toBe('expired');
    server.clock.advance(60);
    expect((await call(server, 'GET', `/api/v2/receipt/${receipt.identifier}`)).status).toBe(404);
  });

  it('burns through v2: the answer shows the receipt from before the burn, a second burn is a bare success', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/generate', { json: { secret: { ttl: 600 } } });
    const key = created.json.record.receipt.identifier;
    const burned = await call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: { continue: true } });
    expect(burned.status).toBe(200);
    expect(burned.json.success).toBe(true);
    expect(burned.json.record.state).toBe('new');
    const receipt = await call(server, 'GET', `/api/v2/receipt/${key}`);
    expect(receipt.json.record.state).toBe('burned');
    const late = await call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: { continue: true } });
    expect(late.status).toBe(200);
    expect(late.json).toEqual({ success: true });
  });

  it('serves injected faults in order, then answers normally', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'rate-limit', retryAfter: 7, path: '/api/v2/status' });
    server.faults.add({ type: 'html', path: '/api/v2/status' });
    const limited = await call(server, 'GET', '/api/v2/status');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    const html = await call(server, 'GET', '/api/v2/status');
    expect(html.status).toBe(502);
    expect(html.contentType).toBe('text/html');
    expect((await call(server, 'GET', '/api/v2/status')).json).toEqual({
      success: true,
      status: 'nominal',
      locale: 'en',
    });
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v2/status',
      '/api/v2/status',
      '/api/v2/status',
    ]);
  });
});
