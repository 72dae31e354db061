// A deadline or an abort that strikes while the request still waits for a connection must cancel it for good:
// it may never reach the server later. One connection, held by a slow request, makes the next one wait.
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { OtsAbortError, OtsTimeoutError } from '../../../core/errors/kinds.ts';
import { rejection, useServer } from '../support/server.ts';

const ots = useServer();
afterEach(() => ots.server.faults.clear());

describe.each([
  ['a deadline', OtsTimeoutError],
  ['a caller abort', OtsAbortError],
] as const)('%s while the request is queued', (_, expected) => {
  it('cancels the request before it is ever sent', async () => {
    const pool = new Pool(ots.server.url, { connections: 1 });
    const client = ots.client({ dispatcher: pool, maxRetries: 0 });
    try {
      ots.server.faults.add({ path: '/api/v2/status', type: 'delay', ms: 300 });
      const before = ots.server.requests.length;
      const slow = client.status();
      const controller = new AbortController();
      const queued = client.share('must never arrive', {
        ...(expected === OtsTimeoutError ? { timeoutMs: 30 } : { signal: controller.signal }),
      });
      if (expected === OtsAbortError) setTimeout(() => controller.abort(), 30);
      expect(await rejection(queued)).toBeInstanceOf(expected);
      await slow;
      // FIFO on the one connection: had the share still been queued, it would go before this status.
      await client.status();
      const paths = ots.server.requests.slice(before).map((r) => r.path);
      expect(paths).not.toContain('/api/v2/secret/conceal');
      expect(paths.filter((p) => p === '/api/v2/status')).toHaveLength(2);
    } finally {
      await client.close();
      await pool.close();
    }
  });
});

describe('an endless answer', () => {
  it('is cut off instead of being buffered without bound', async () => {
    const { createServer } = await import('node:http');
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const pump = () => {
        while (res.write(chunk)) {
          if (res.writableLength > 64 * 1024 * 1024) return;
        }
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const client = ots.client({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
    try {
      const error = await rejection(client.status());
      expect(error.code).toBe('network');
      expect(error.message).toMatch(/the answer exceeded 16777216 bytes/);
    } finally {
      await client.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
