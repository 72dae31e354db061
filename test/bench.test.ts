import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from './support/run-node.ts';

// `npm run bench` is documented in docs/development.md; this smoke run (BENCH_QUICK=1: a few iterations) proves each
// benchmark still runs and prints its figures. It asserts no timing: figures come from the real run.
const runner = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

function bench(only: string, ...options: string[]) {
  return runNode([runner, only, ...options], { env: { ...process.env, BENCH_QUICK: '1' } });
}

describe('npm run bench (smoke)', () => {
  it('client: prints client/bare ratios for both API versions, sequential and 16 in flight', async () => {
    const { code, stdout } = await bench('client');
    expect(code).toBe(0);
    for (const row of ['v2   sequential', 'v2   16 in flight', 'v1   sequential', 'v1   16 in flight']) {
      const line = stdout.split('\n').find((l) => l.startsWith(row));
      expect(line, row).toBeDefined();
      // bare rt/s, client rt/s, ratio, bare CPU, client CPU: all finite positive numbers.
      const numbers = (line ?? '').slice(row.length).trim().split(/\s+/).map(Number);
      expect(numbers).toHaveLength(5);
      for (const n of numbers) expect(n).toBeGreaterThan(0);
    }
  });

  it('action: prints the cold start against bare node and a node:http floor, and the bundle size', async () => {
    // --also times another build in the same turns; the committed one stands in for an older commit's dist/.
    const other = fileURLToPath(new URL('../dist/', import.meta.url));
    const { code, stdout } = await bench('action', '--also', other);
    expect(code).toBe(0);
    expect(stdout).toMatch(/node -e ''\s+[\d.]+ ms/);
    expect(stdout).toMatch(/floor: one share with node:http\s+[\d.]+ ms/);
    expect(stdout).toMatch(/over the floor\s+-?[\d.]+ ms/);
    expect(stdout).toMatch(/--also .*dist: [\d.]+ ms, overhead -?[\d.]+ ms/);
    expect(stdout).toMatch(/this build's overhead is -?\d+% of that one's/);
    expect(stdout).toMatch(/node dist\/index\.js \(one share\)\s+[\d.]+ ms/);
    expect(stdout).toMatch(/overhead\s+-?[\d.]+ ms/);
    expect(stdout).toMatch(/bundle: .*index\.js \d+ KiB/);
  });

  it('command: prints the cold start of `ots share` against bare node and a node:http floor', async () => {
    // --also-lib times another build in the same turns; this checkout's own lib/ stands in for an older one.
    const root = fileURLToPath(new URL('..', import.meta.url));
    const { code, stdout } = await bench('command', '--also-lib', root);
    expect(code).toBe(0);
    expect(stdout).toMatch(/node -e ''\s+[\d.]+ ms/);
    expect(stdout).toMatch(/floor: one share with node:http\s+[\d.]+ ms/);
    expect(stdout).toMatch(/ots share \(this lib\/\): [\d.]+ ms .*overhead -?[\d.]+ ms/);
    expect(stdout).toMatch(/this build's overhead is -?\d+% of that one's/);
  });
});
