import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../server/index.ts';
import { runNode } from './support/run-node.ts';

// `npm run test:live` is what a maintainer runs against a real server before a release; here it runs against the
// local server in both eras, so it cannot rot between releases. It uses dist/index.js as built.
const script = fileURLToPath(new URL('../scripts/live-check.ts', import.meta.url));
const ACCOUNT = { username: 'live@example.com', apiToken: 'livetoken0123456789abcdef0123456789abcd' };

describe.each(['current', 'v0.23'] as const)('npm run test:live against a local %s server', (era) => {
  let server: OtsServer;
  beforeAll(async () => {
    server = await startOtsServer({ era, clockMode: 'real', accounts: [ACCOUNT] });
  });
  afterAll(() => server.close());

  it.each(['auto', 'v1'] as const)(
    'takes the client, the action and the Pulumi provider through the cycle (api %s)',
    async (apiVersion) => {
      const env = { ...process.env, OTS_USERNAME: ACCOUNT.username, OTS_API_TOKEN: ACCOUNT.apiToken };
      const { code, stdout, stderr } = await runNode(
        [script, '--base-url', server.url, '--api-version', apiVersion],
        { env },
      );
      expect(stderr).toBe('');
      const table = stdout.split('\n').filter((line) => /^(client|action|pulumi) /.test(line));
      // Three surfaces, five steps each, every one held.
      expect(table).toHaveLength(15);
      for (const row of table) expect(row).toMatch(/^\S+\s+\S+\s+yes\s/);
      expect(stdout).toContain('All 15 checks held.');
      expect(code).toBe(0);
      // Nothing secret on the screen: no keys (long runs of [0-9a-z]) and no links.
      expect(stdout).not.toMatch(/[0-9a-z]{20,}/);
      expect(stdout).not.toMatch(/\/secret\/|\/receipt\//);
    },
    120_000,
  );

  it('exits non-zero and says what did not hold when the server fails', async () => {
    server.faults.add({
      path: /\/burn$/,
      type: 'status',
      status: 500,
      body: '{"message":"boom"}',
      times: 100,
    });
    try {
      const { code, stdout } = await runNode([script, '--base-url', server.url]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^client\s+burn\s+NO\s+server_error/m);
      expect(stdout).toMatch(/^client\s+burn-again\s+NO\s+not run/m);
      expect(stdout).toMatch(/checks did not hold\./);
    } finally {
      server.faults.clear();
    }
  }, 120_000);
});
