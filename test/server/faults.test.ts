import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { call } from './helpers.ts';

let server: OtsServer;
afterEach(() => server?.close());

describe('fault injection', () => {
  it('delays, then answers normally: a later request overtakes the delayed one', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'delay', ms: 200, path: '/api/v2/supported-locales' });
    const order: string[] = [];
    const delayed = call(server, 'GET', '/api/v2/supported-locales').then((a) => {
      order.push('delayed');
      return a;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const quick = call(server, 'GET', '/api/v2/status').then((a) => {
      order.push('quick');
      return a;
    });
    expect((await delayed).status).toBe(200);
    expect((await quick).status).toBe(200);
    expect(order).toEqual(['quick', 'delayed']);
  });

  it('answers with a canned status, body, content type and headers', async () => {
    server = await startOtsServer();
    server.faults.add({
      type: 'status',
      status: 503,
      body: '{"message":"maintenance"}',
      headers: { 'Retry-After': '3' },
    });
    server.faults.add({ type: 'status', status: 500 });
    const first = await call(server, 'GET', '/api/v1/status');
    expect(first.status).toBe(503);
    expect(first.json).toEqual({ message: 'maintenance' });
    expect(first.contentType).toBe('application/json; charset=utf-8');
    expect(first.headers.get('retry-after')).toBe('3');
    const second = await call(server, 'GET', '/api/v1/status');
    expect(second.status).toBe(500);
    expect(second.text).toBe('');
  });

  it('resets the connection without an answer', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'reset', method: 'POST' });
    await expect(call(server, 'POST', '/api/v1/share', { form: { secret: 'x' } })).rejects.toThrow();
    expect((await call(server, 'POST', '/api/v1/share', { form: { secret: 'x' } })).status).toBe(200);
  });

  it('truncates the real answer: full Content-Length announced, half the body sent', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'truncate', path: '/api/v1/share' });
    const dispatcher = new Agent();
    try {
      const res = await request(`${server.url}/api/v1/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'secret=x',
        dispatcher,
      });
      expect(res.statusCode).toBe(200);
      await expect(res.body.text()).rejects.toThrow();
    } finally {
      await dispatcher.close();
    }
  });

  it('serves an HTML error page like a proxy, 502 unless told otherwise', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'html' });
    server.faults.add({ type: 'html', status: 504 });
    const bad = await call(server, 'GET', '/api/v2/status');
    expect([bad.status, bad.contentType]).toEqual([502, 'text/html']);
    expect(bad.text).toContain('502 Bad Gateway');
    expect((await call(server, 'GET', '/api/v2/status')).status).toBe(504);
  });

  it('rate-limits with 429 and Retry-After', async () => {
    server = await startOtsServer();
    server.faults.add({ type: 'rate-limit', retryAfter: 12, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await call(server, 'GET', '/api/v2/receipt/recent');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('12');
    }
    expect((await call(server, 'GET', '/api/v2/status')).status).toBe(200);
  });

  it('matches by method and by path string or RegExp, with or without the base path, and can be cleared', async () => {
    server = await startOtsServer({ basePath: '/ots' });
    server.faults.add({ type: 'status', status: 418, method: 'post', path: /\/burn$/ });
    server.faults.add({ type: 'status', status: 419, path: '/ots/api/v2/version' });
    server.faults.add({ type: 'status', status: 420, path: '/api/v2/status' });
    expect((await call(server, 'GET', '/api/v2/version')).status).toBe(419);
    expect((await call(server, 'GET', '/api/v2/status')).status).toBe(420);
    expect((await call(server, 'GET', '/api/v2/receipt/abc')).status).toBe(404);
    expect((await call(server, 'POST', '/api/v2/receipt/abc/burn')).status).toBe(418);
    server.faults.add({ type: 'status', status: 500 });
    server.faults.clear();
    expect((await call(server, 'GET', '/api/v2/status')).status).toBe(200);
    expect(server.requests.every((r) => r.path.startsWith('/ots/'))).toBe(true);
  });

  it('refuses a fault with a meaningless repeat count', async () => {
    server = await startOtsServer();
    expect(() => server.faults.add({ type: 'reset', times: 0 })).toThrow(/times/);
  });
});
