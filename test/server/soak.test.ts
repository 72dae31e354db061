import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';

// A bounded soak: 100,000 requests with 1 KB paths (the kind of load that grew the old unbounded
// request log by hundreds of MB), while slow clients hold connections open. Bounded in count, and
// in time by the test timeout; loopback only. It asserts on the ring's length and on heap growth
// measured after forced collections, against a limit far above what a bounded server uses and far
// below what the old log held (100k × ~1 KB ≈ 100 MB), never on timing.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const REQUESTS = 100_000;
const LOG_SIZE = 1_000;
const PATH = `/api/v2/secret/${'k'.repeat(1_000)}/status`;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A slowloris client: sends a request line and then one header line at a time, never finishing. */
function slowClient(port: number): { socket: Socket; closed: Promise<void>; drip(): void } {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write('GET /api/v2/status HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let n = 0;
  return {
    socket,
    closed,
    drip: () => socket.writable && socket.write(`X-Slow-${n++}: ${'s'.repeat(200)}\r\n`),
  };
}

describe('soak: 100k requests and slow clients in flat memory', () => {
  let server: OtsServer;

  beforeAll(async () => {
    server = await startOtsServer({ requestLogSize: LOG_SIZE });
  });
  afterAll(async () => {
    await server?.close();
  });

  /**
   * Sends `count` GETs over 8 keep-alive connections, pipelined 200 at a time, and counts the
   * answers by status. Raw sockets keep the client's own CPU cost small next to the server's, so
   * the soak does not starve the test files running beside it.
   */
  async function burst(count: number): Promise<number[]> {
    const statuses = new Map<number, number>();
    const request = Buffer.from(`GET ${PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    let left = count;
    const connection = () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1');
        let pending = 0;
        let tail = '';
        const send = () => {
          const n = Math.min(200, left);
          left -= n;
          pending = n;
          if (n === 0) {
            socket.end();
            resolve();
            return;
          }
          socket.write(Buffer.concat(Array.from({ length: n }, () => request)));
        };
        socket.on('error', reject);
        socket.on('data', (chunk: Buffer) => {
          // Status lines may straddle chunks: keep the unmatched end (a status line is 13 bytes).
          const text = tail + chunk.toString('latin1');
          let end = 0;
          for (const match of text.matchAll(/HTTP\/1\.1 (\d{3}) /g)) {
            const status = Number(match[1]);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            pending--;
            end = (match.index ?? 0) + match[0].length;
          }
          tail = text.slice(Math.max(end, text.length - 13));
          if (pending === 0) send();
        });
        socket.on('connect', send);
      });
    await Promise.all(Array.from({ length: 8 }, connection));
    return [...statuses.entries()].flat();
  }

  it('keeps the request log to its ring size and the heap flat, slow clients included', async () => {
    const slow = Array.from({ length: 20 }, () => slowClient(server.port));
    const dripper = setInterval(() => {
      for (const s of slow) s.drip();
    }, 50);
    try {
      await burst(5_000); // warm-up: JIT, pools, the ring filled once
      const before = heapAfterGc();
      const statuses = await burst(REQUESTS - 5_000);
      const after = heapAfterGc();

      // main answers a status query for an unknown secret with a state (v2 #85).
      expect(statuses).toEqual([200, REQUESTS - 5_000]);
      expect(server.requests.length).toBe(LOG_SIZE);
      expect(server.requests.total).toBeGreaterThanOrEqual(REQUESTS);
      expect(server.requests.every((r) => r.path.length <= 2_049)).toBe(true);
      expect(after - before).toBeLessThan(32 * 1024 * 1024);
      // The server still answers while the slow clients hold their connections.
      expect((await fetch(`${server.url}/api/v2/status`)).status).toBe(200);
    } finally {
      clearInterval(dripper);
      for (const s of slow) s.socket.destroy();
    }
  }, 240_000);

  it('cuts off a client whose headers never end once they pass the header size limit', async () => {
    const client = slowClient(server.port);
    let answer = '';
    client.socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    // 100 lines of 200+ bytes pass node's 16 KiB header limit: bounded per connection, not per patience.
    for (let i = 0; i < 100 && client.socket.writable; i++) client.drip();
    await client.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  });
});
