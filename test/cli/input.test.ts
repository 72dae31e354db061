// Bad input is refused with exit 2 before any request, naming the flag and never echoing a value; help and
// version; configuration from flags over OTS_* variables.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands/index.ts';
import { OtsClient, VERSION } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { ACCOUNT, assertCliBuilt, cleanEnv, type OtsRun, runOts } from './support/ots.ts';

let server: OtsServer;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  assertCliBuilt();
  server = await startOtsServer({ accounts: [ACCOUNT] });
  dir = mkdtempSync(join(tmpdir(), 'ots-cli-input-'));
  env = cleanEnv({ OTS_BASE_URL: server.url });
});
afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** Runs the cases three at a time (each is a Node start-up). */
async function runAll<T extends { args: string[] }>(
  cases: T[],
  options: (c: T) => Parameters<typeof runOts>[1] = () => ({ env }),
): Promise<Array<T & { run: OtsRun }>> {
  const results: Array<T & { run: OtsRun }> = [];
  for (let i = 0; i < cases.length; i += 3) {
    const batch = cases.slice(i, i + 3);
    results.push(
      ...(await Promise.all(batch.map(async (c) => ({ ...c, run: await runOts(c.args, options(c)) })))),
    );
  }
  return results;
}

describe('refused before any request, exit 2', () => {
  it('names what is wrong and never echoes the value', { timeout: 120_000 }, async () => {
    const existing = join(dir, 'existing');
    writeFileSync(existing, 'keep me');
    // What Notepad saves: a passphrase with a mark in front that nobody can type, so the secret could never be opened.
    const bomPassphrase = join(dir, 'bom-passphrase');
    writeFileSync(bomPassphrase, '\uFEFFkeep me\r\n');
    const client = new OtsClient({ baseUrl: server.url });
    const shared = await client.share('still-here-afterwards');
    await client.close();
    const cases: Array<{ args: string[]; stdin?: string | Buffer; says: RegExp; env?: NodeJS.ProcessEnv }> = [
      { args: ['share', 'Argv-Secret-1234'], says: /--secret-arg .*other users/ },
      { args: ['share'], stdin: Buffer.from([0xff, 0xfe, 0x00, 0x41]), says: /not UTF-8 text/ },
      { args: ['share'], stdin: '', says: /secret: is empty/ },
      { args: ['share', '--ttl', 'soon'], stdin: 'x-value', says: /ttl: "soon" is not a valid TTL/ },
      { args: ['share', '--pasphrase=Typo-Secret-5678'], says: /^ots share: unknown option --pasphrase\./ },
      { args: ['share', '--ttl', '1h', '--ttl', '2h'], says: /--ttl: given more than once/ },
      {
        args: ['share', '--passphrase-file', bomPassphrase],
        stdin: 'x-value',
        says: /--passphrase-file: the file starts with a UTF-8 byte-order mark/,
      },
      { args: ['share', '--secret-arg', 'x-value', 'FILE'], says: /either --secret-arg or FILE/ },
      {
        args: ['share', '--secret-arg', 'x-value', '--recipient', 'a@example.com'],
        says: /recipient: OTS emails links only for an account/,
      },
      { args: ['generate', '--length', '3'], says: /length: 3 is not a whole number from 4 to 128/ },
      { args: ['get'], says: /expected 1 argument/ },
      { args: ['get', shared.secretUrl as string, '-o', existing], says: /-o: the file exists/ },
      { args: ['wait', shared.receiptKey, '--until', 'opened'], says: /--until: "opened" is not a state/ },
      { args: ['receipt', 'not-a-key'], says: /not a valid OTS key/ },
      { args: ['recent'], says: /set username and apiToken/ },
      { args: ['Pasted-Secret-9999'], says: /^ots: unknown command\. Run/ },
      { args: [], says: /^ots \d+\.\d+\.\d+: .*\n[\s\S]*Exit codes:/ },
      {
        args: ['receipt', shared.receiptKey, '--base-url', 'http://ots.invalid'],
        says: /http/,
      },
      {
        args: ['receipt', shared.receiptKey],
        env: cleanEnv({ OTS_API_VERSION: 'v3' }),
        says: /OTS_API_VERSION/,
      },
      {
        args: ['recent', '--api-token-file', join(dir, 'missing-token')],
        env: cleanEnv({ OTS_BASE_URL: server.url, OTS_USERNAME: ACCOUNT.username }),
        says: /--api-token-file: cannot open the file given \(ENOENT\)/,
      },
    ];
    const before = server.requests.length;
    const results = await runAll(cases, (c) => ({
      env: c.env ?? env,
      ...(c.stdin === undefined ? {} : { input: c.stdin }),
    }));
    for (const { args, says, run } of results) {
      const label = args.join(' ') || '(no arguments)';
      expect(run.code, label).toBe(2);
      expect(run.out, label).toBe('');
      expect(run.stderr, label).toMatch(says);
      for (const value of [
        'Argv-Secret-1234',
        'Typo-Secret-5678',
        'Pasted-Secret-9999',
        'x-value',
        'keep me',
      ]) {
        expect(run.stderr, label).not.toContain(value);
      }
    }
    expect(server.requests.length).toBe(before);
    const check = new OtsClient({ baseUrl: server.url });
    expect((await check.receipt(shared.receiptKey)).state).toBe('new');
    await check.close();
  });

  it('--allow-insecure-http passes plain http to a non-loopback host on to the network', async () => {
    const run = await runOts(
      [
        'receipt',
        'a'.repeat(62),
        '--base-url',
        'http://ots.invalid',
        '--allow-insecure-http',
        '--retries',
        '0',
      ],
      { env },
    );
    expect(run.code).toBe(6); // the name does not resolve: a network error, no longer a refusal
  });
});

describe('help and version', () => {
  it('--version, --help listing every command, and --help per command', async () => {
    const [version, help, ...perCommand] = await runAll([
      { args: ['--version'] },
      { args: ['--help'] },
      ...COMMANDS.map((c) => ({ args: [c.name, '--help'] })),
      { args: ['help', 'status'] },
    ]);
    expect(version?.run.out).toBe(`${VERSION}\n`);
    for (const command of COMMANDS) expect(help?.run.out).toContain(`\n  ${command.name}`);
    for (const { args, run } of perCommand) {
      expect(run.code).toBe(0);
      const name = args[0] === 'help' ? 'receipt' : args[0];
      expect(run.out).toContain(`Usage: ots ${name} `);
      expect(run.out).toContain('--json');
    }
  });
});

describe('configuration: flags first, then OTS_* variables', () => {
  it('flags override the environment; the token comes from OTS_API_TOKEN or --api-token-file', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${ACCOUNT.apiToken}\n`);
    const dead = 'http://127.0.0.1:9'; // the discard port: nothing listens there
    const requestsBefore = server.requests.length;
    const [flagWins, tokenFromFile, usernameFlag, v1Flag, v1Env] = await runAll(
      [
        {
          args: ['share', '--secret-arg', 'flag wins', '--base-url', server.url],
          env: cleanEnv({ OTS_BASE_URL: dead }),
        },
        {
          args: ['recent', '--api-token-file', tokenFile],
          env: cleanEnv({ OTS_BASE_URL: server.url, OTS_USERNAME: ACCOUNT.username }),
        },
        {
          args: ['recent', '--username', ACCOUNT.username],
          env: cleanEnv({ OTS_BASE_URL: server.url, OTS_API_TOKEN: ACCOUNT.apiToken }),
        },
        { args: ['share', '--secret-arg', 'over v1', '--api-version', 'v1'], env },
        {
          args: ['share', '--secret-arg', 'over v1'],
          env: cleanEnv({ OTS_BASE_URL: server.url, OTS_API_VERSION: 'v1' }),
        },
      ] as Array<{ args: string[]; env: NodeJS.ProcessEnv }>,
      (c) => ({ env: c.env }),
    );
    for (const result of [flagWins, tokenFromFile, usernameFlag, v1Flag, v1Env]) {
      expect(result?.run.code, result?.args.join(' ')).toBe(0);
    }
    const paths = server.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`);
    expect(paths.filter((p) => p === 'POST /api/v1/share')).toHaveLength(2);
    expect(paths.filter((p) => p.endsWith('/recent'))).toHaveLength(2);
  });
});
