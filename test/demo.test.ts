import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startOtsServer } from '../server/index.ts';
import { runNode } from './support/run-node.ts';

// `npm run demo` is the README's second command: it must keep working as the action and the client change.
const script = fileURLToPath(new URL('../scripts/demo.ts', import.meta.url));

function runDemo(args: string[] = []) {
  return runNode([script, ...args], { env: { ...process.env, NO_COLOR: '1' } });
}

function lineAfter(stdout: string, label: string, from = 0): string | undefined {
  return stdout
    .slice(from)
    .split('\n')
    .find((line) => line.trim().startsWith(label))
    ?.trim()
    .slice(label.length)
    .trim();
}

describe('npm run demo', () => {
  it('shares a generated credential offline, opens it once, and burns a second one', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lineAfter(stdout, 'server')).toMatch(/^http:\/\/127\.0\.0\.1:\d+ \(local, offline\)$/);
    expect(lineAfter(stdout, 'link')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/secret\/[0-9a-z]{20,}$/);
    expect(lineAfter(stdout, 'value')).toMatch(/^\S{20}$/);
    expect(stdout).toContain('gone:');
    expect(lineAfter(stdout, 'state', stdout.indexOf('\n4. '))).toBe('received');
    expect(lineAfter(stdout, 'state', stdout.indexOf('\n5. '))).toBe('burned');
    expect(stdout).toContain('Done.');
  });

  it('runs against the server named by --base-url instead of starting one', async () => {
    const server = await startOtsServer({ clockMode: 'real' });
    try {
      const { code, stdout } = await runDemo(['--base-url', server.url]);
      expect(code).toBe(0);
      expect(lineAfter(stdout, 'server')).toBe(server.url);
      // generate, reveal twice, share, burn and the last reveal are POSTs: all of them reached this server.
      expect(server.requests.filter((request) => request.method === 'POST').length).toBeGreaterThanOrEqual(6);
    } finally {
      await server.close();
    }
  });

  it('explains itself with --help', async () => {
    const { code, stdout } = await runDemo(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--base-url URL');
  });
});
