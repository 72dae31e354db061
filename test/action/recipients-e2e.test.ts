// The built bundle with `recipients`, run as the runner runs it: the summary has one row per recipient and no
// link or key, and nothing that gives access reaches the log unmasked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { commands, installAction, leaks, runAction } from './support/action-runner.ts';

const ACCOUNT = { username: 'tester@example.com', apiToken: 'apitoken-recipients-e2e-5c1d' };
const TEAM = ['ada@example.com', 'bob@example.com'];
let server: OtsServer;
let client: OtsClient;
let actionDir: string;

beforeAll(async () => {
  server = await startOtsServer({ accounts: [ACCOUNT] });
  client = new OtsClient({ baseUrl: server.url, ...ACCOUNT });
  actionDir = installAction();
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('recipients (bundle)', () => {
  it('writes a summary row per recipient without links or keys, and masks every key and link', async () => {
    const result = await runAction(actionDir, {
      inputs: {
        'base-url': server.url,
        username: ACCOUNT.username,
        'api-token': ACCOUNT.apiToken,
        generate: 'true',
        recipients: TEAM.join('\n'),
      },
    });
    expect(commands(result, 'error')).toEqual([]);
    expect(result.code).toBe(0);
    const receipts = JSON.parse(result.outputs.receipts as string) as Record<
      string,
      { 'receipt-key': string }
    >;
    expect(Object.keys(receipts)).toEqual(TEAM);
    const keys = Object.values(receipts).map((r) => r['receipt-key']);
    const read = await Promise.all(keys.map((key) => client.receipt(key)));
    const value = result.outputs.value as string;
    expect(value).toHaveLength(16);
    const masks = commands(result, 'add-mask');
    const secretLinks = masks.filter((m) => /\/secret\/[a-z0-9]+$/.test(m));
    expect(secretLinks).toHaveLength(2);
    for (const link of secretLinks) expect((await client.reveal(link)).value).toBe(value);
    expect(leaks(result, [...keys, ...secretLinks, value, ...read.map((r) => r.receiptUrl)])).toEqual([]);
    for (const recipient of TEAM) expect(result.summary).toContain(`<td>${recipient}</td>`);
    expect(result.summary).toContain('Recipient');
    for (const text of [...keys, ...secretLinks, value, '/secret/', '/receipt/']) {
      expect(result.summary).not.toContain(text);
    }
  });
});
