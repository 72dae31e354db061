// Rate limits without lost work: a write OTS refused (429, or a refused connection) is sent again, and nothing else is.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { startOtsServer } from '../../server/index.ts';
import { useServer } from './support/server.ts';

const BULK = { username: 'bulk@example.com', apiToken: 'bulktoken0123456789abcdef0123456789abcd' };

describe.each(['current', 'v0.23'] as const)('against a rate-limiting %s server', (era) => {
  const ots = useServer({ era, accounts: [BULK] });
  afterEach(() => ots.server.faults.clear());

  it('shareMany of 200 completes with exactly 200 secrets on the server', async () => {
    const client = ots.client({ apiVersion: 'v2', ...BULK });
    // The first four requests are refused, and two of their retries again: each is sent at most three times.
    ots.server.faults.add({ path: '/api/v2/secret/conceal', type: 'rate-limit', retryAfter: 1, times: 6 });
    const before = ots.server.requests.length;
    const items = Array.from({ length: 200 }, (_, i) => ({ secret: `bulk secret ${i}`, ttl: 600 }));
    const results = await client.shareMany(items, { concurrency: 4 });

    expect(results.filter((r) => !r.ok)).toEqual([]);
    const keys = new Set(results.map((r) => (r.ok ? r.value.receiptKey : '')));
    expect(keys.size).toBe(200);
    const sent = ots.server.requests.slice(before).filter((r) => r.path === '/api/v2/secret/conceal');
    expect(sent).toHaveLength(206);
    // Counted on the server: the account holds exactly the 200 receipts, no duplicate from a retry.
    const held = (await client.recent()).map((r) => r.receiptKey);
    expect(held).toHaveLength(200);
    expect(new Set(held)).toEqual(keys);
  });
});

describe('a write refused at connect', () => {
  it('is sent again once the server listens: nothing had left this machine', async () => {
    // A port nobody listens on yet.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = new OtsClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 4 });
    // The first attempt is refused; the first retry waits at least 100 ms, by when the server listens.
    const starting = new Promise<Awaited<ReturnType<typeof startOtsServer>>>((resolve, reject) => {
      setTimeout(() => startOtsServer({ port }).then(resolve, reject), 20);
    });
    try {
      const receipt = await client.share('after a refused connection');
      const server = await starting;
      try {
        expect(server.requests.filter((r) => r.path === '/api/v2/secret/conceal')).toHaveLength(1);
        expect((await client.reveal(receipt.secretKey!)).value).toBe('after a refused connection');
      } finally {
        await server.close();
      }
    } finally {
      await client.close();
    }
  });
});
