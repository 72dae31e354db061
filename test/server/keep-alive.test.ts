import { connect } from 'node:net';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { TESTER, TESTER_AUTH } from './helpers.ts';
import { httpRequest, parseResponse } from './raw-http.ts';

let server: OtsServer;
beforeAll(async () => {
  server = await startOtsServer({ accounts: [TESTER] });
});
afterAll(() => server.close());

describe('keep-alive', () => {
  it('serves many sequential requests of every kind over one undici Pool connection', async () => {
    const pool = new Pool(server.url, { connections: 1 });
    let connects = 0;
    pool.on('connect', () => {
      connects++;
    });
    try {
      for (let i = 0; i < 60; i++) {
        const created = await pool.request({
          method: 'POST',
          path: '/api/v1/share',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: TESTER_AUTH },
          body: `secret=s${i}&ttl=600`,
        });
        expect(created.statusCode).toBe(200);
        const { secret_key, metadata_key } = (await created.body.json()) as Record<string, string>;
        const receipt = await pool.request({ method: 'GET', path: `/api/v2/receipt/${metadata_key}` });
        expect(receipt.statusCode).toBe(200);
        await receipt.body.dump();
        const revealed = await pool.request({ method: 'POST', path: `/api/v1/secret/${secret_key}` });
        expect(((await revealed.body.json()) as { value: string }).value).toBe(`s${i}`);
        const gone = await pool.request({ method: 'POST', path: `/api/v1/secret/${secret_key}` });
        expect(gone.statusCode).toBe(404);
        await gone.body.dump();
        const unrouted = await pool.request({ method: 'GET', path: '/api/v1/nope' });
        expect(unrouted.statusCode).toBe(404);
        await unrouted.body.dump();
      }
      expect(connects).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('serves 200 concurrent requests over 8 pooled connections', async () => {
    const pool = new Pool(server.url, { connections: 8 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await pool.request({
            method: 'POST',
            path: '/api/v2/secret/conceal',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ secret: { secret: `c${i}` } }),
          });
          return ((await res.body.json()) as { record: { secret: { identifier: string } } }).record.secret
            .identifier;
        }),
      );
      expect(new Set(answers).size).toBe(200);
    } finally {
      await pool.close();
    }
  });

  it('answers back-to-back requests on one raw socket, each response complete by its Content-Length (as Go reads them)', async () => {
    const socket = connect(server.port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let waiting: (() => void) | undefined;
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      waiting?.();
    });
    const next = () =>
      new Promise<NonNullable<ReturnType<typeof parseResponse>>>((resolve) => {
        const attempt = () => {
          const answer = parseResponse(buffer);
          if (!answer) return;
          const end = buffer.indexOf('\r\n\r\n') + 4 + Number(answer.headers['content-length']);
          buffer = buffer.subarray(end);
          waiting = undefined;
          resolve(answer);
        };
        waiting = attempt;
        attempt();
      });
    try {
      for (let i = 0; i < 30; i++) {
        socket.write(
          httpRequest(
            'POST',
            '/api/v2/secret/conceal',
            ['Content-Type: application/json'],
            JSON.stringify({ secret: { secret: `g${i}` } }),
          ),
        );
        const answer = await next();
        expect(answer.status).toBe(200);
        expect(answer.headers.connection).toBe('keep-alive');
        expect(JSON.parse(answer.body).success).toBe(true);
      }
    } finally {
      socket.destroy();
    }
  });
});
