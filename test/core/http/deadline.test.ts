// The deadline covers the whole call, connection set-up included, and close() never outlives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { isOtsError } from '../../../core/errors/ots-error.ts';
import { type BlackHole, startBlackHole } from '../../hostile/support/black-hole.ts';
import { runNode } from '../../support/run-node.ts';

// A correctness bound, not a performance figure: today's code takes 10 s (connect timeout) or 300 s (headers timeout).
const SLACK_MS = 2_000;
const DEADLINE_MS = 300;

let hole: BlackHole;
beforeAll(async () => {
  hole = await startBlackHole();
});
afterAll(() => hole.close());

async function shareAndClose(client: OtsClient): Promise<{ error: unknown; elapsed: number }> {
  const started = performance.now();
  const error = await client.share('hunter2-deadline').catch((e: unknown) => e);
  await client.close();
  return { error, elapsed: performance.now() - started };
}

describe('deadline', () => {
  it('covers a proxy that never answers CONNECT, and close() does not wait on it', async () => {
    const client = new OtsClient({
      baseUrl: 'https://ots.example.invalid',
      timeoutMs: DEADLINE_MS,
      env: { https_proxy: `http://127.0.0.1:${hole.port}` },
    });
    const { error, elapsed } = await shareAndClose(client);
    expect(isOtsError(error) && error.code).toBe('timeout');
    expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
  }, 15_000);

  it('covers a TLS handshake that never completes, and close() does not wait on it', async () => {
    const client = new OtsClient({ baseUrl: `https://127.0.0.1:${hole.port}`, timeoutMs: DEADLINE_MS });
    const { error, elapsed } = await shareAndClose(client);
    expect(isOtsError(error) && error.code).toBe('timeout');
    expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
  }, 15_000);

  it('covers a server that never sends headers, and close() does not wait on it', async () => {
    const client = new OtsClient({ baseUrl: `http://127.0.0.1:${hole.port}`, timeoutMs: DEADLINE_MS });
    const { error, elapsed } = await shareAndClose(client);
    expect(isOtsError(error) && error.code).toBe('timeout');
    expect(elapsed).toBeLessThan(DEADLINE_MS + SLACK_MS);
  }, 15_000);
});

describe('process exit', () => {
  const core = new URL('../../../core/index.ts', import.meta.url).href;

  // Without close(): a socket still connecting for an abandoned request must not keep the process alive.
  it.each([
    [
      'a proxy that never answers CONNECT',
      (port: number) =>
        `{ baseUrl: 'https://ots.example.invalid', env: { https_proxy: 'http://127.0.0.1:${port}' } }`,
    ],
    ['a TLS handshake that never completes', (port: number) => `{ baseUrl: 'https://127.0.0.1:${port}' }`],
  ])(
    'is not held by %s',
    async (_, options) => {
      const script =
        `import { OtsClient } from '${core}';` +
        `const client = new OtsClient({ ...${options(hole.port)}, timeoutMs: ${DEADLINE_MS} });` +
        "await client.share('hunter2-exit').catch((e) => console.log(e.code));" +
        'globalThis.started = performance.now();' +
        "process.on('exit', () => console.log('lingered', Math.round(performance.now() - globalThis.started)));";
      const run = await runNode(['--input-type=module', '-e', script]);
      expect(run.stdout).toMatch(/^timeout\n/);
      const lingered = Number(/lingered (\d+)/.exec(run.stdout)?.[1]);
      // After the call failed, the process may only finish what is queued: never undici's 10 s or 300 s.
      expect(lingered).toBeLessThan(SLACK_MS);
    },
    20_000,
  );
});
