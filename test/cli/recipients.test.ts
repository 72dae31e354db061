// `ots share` / `ots generate` with several --recipient, and `ots wait` over several receipts: the built
// executable against the local OTS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { ACCOUNT, assertCliBuilt, cleanEnv, json, runOts } from './support/ots.ts';

const TIMEOUT = { timeout: 90_000 };
const TEAM = ['ada@example.com', 'bob@example.com', 'cy@example.com'];
const each = TEAM.flatMap((email) => ['--recipient', email]);
let server: OtsServer;
let client: OtsClient;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  assertCliBuilt();
  server = await startOtsServer({ accounts: [ACCOUNT] });
  client = new OtsClient({ baseUrl: server.url, ...ACCOUNT });
  env = cleanEnv({
    OTS_BASE_URL: server.url,
    OTS_USERNAME: ACCOUNT.username,
    OTS_API_TOKEN: ACCOUNT.apiToken,
  });
});
afterAll(async () => {
  await client.close();
  await server.close();
});

describe('several --recipient', () => {
  it('share gives each recipient a link of their own: one line each on stdout', TIMEOUT, async () => {
    const shared = await runOts(['share', ...each], { input: 'team-secret', env });
    expect(shared.code).toBe(0);
    const lines = shared.out
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.map(([email]) => email)).toEqual(TEAM);
    const receiptKeys = lines.map(([, url]) => (url as string).replace(/^.*\/receipt\//, ''));
    expect(new Set(receiptKeys).size).toBe(3);
    for (const key of receiptKeys) expect((await client.receipt(key)).state).toBe('new');
    expect(shared.stderr).toContain('Emailed 3 of 3 recipients a link of their own');
  });

  it('generate --json gives every recipient a link to the same password', TIMEOUT, async () => {
    const result = json(await runOts(['generate', '--json', '--length', '20', ...each], { env }));
    expect(result.value).toHaveLength(20);
    expect(result.created).toEqual(TEAM);
    for (const item of result.results) {
      expect((await client.reveal(item.receipt.secretUrl)).value).toBe(result.value);
    }
  });

  it('refuses a bad address by position before sending anything', TIMEOUT, async () => {
    const before = server.requests.length;
    const run = await runOts(
      ['share', '--recipient', 'ada@example.com', '--recipient', 'bob', '--secret-arg', 'x'],
      {
        env,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/recipients\[1\]: "bob" is not an email address/);
    expect(server.requests.length).toBe(before);
  });
});

describe('ots wait over several receipts', () => {
  it('ends when all are received, and on --timeout names each state with exit 9', TIMEOUT, async () => {
    const a = await client.share('a');
    const b = await client.share('b');
    await client.reveal(a.secretKey as string);
    const timedOut = await runOts(
      ['wait', a.receiptKey, b.receiptUrl, '--until', 'received', '--interval', '100ms', '--timeout', '1s'],
      { env },
    );
    expect(timedOut.code).toBe(9);
    expect(timedOut.out).toBe(`${a.receiptKey}\treceived\n${b.receiptKey}\tnew\n`);
    expect(timedOut.stderr).toMatch(/1 of 2 receipts not yet received/);

    await client.reveal(b.secretKey as string);
    const done = await runOts(
      ['wait', a.receiptKey, b.receiptKey, '--until', 'received', '--interval', '100ms'],
      {
        env,
      },
    );
    expect([done.code, done.out]).toEqual([0, `${a.receiptKey}\treceived\n${b.receiptKey}\treceived\n`]);
  });
});
