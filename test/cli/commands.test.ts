// Every command of the real `ots` executable against the local OTS server: both eras, and a server under a path
// prefix (self-hosted). Values travel through pipes and files byte for byte.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, type OtsServerOptions, startOtsServer } from '../../server/index.ts';
import { ACCOUNT, assertCliBuilt, cleanEnv, json, runOts } from './support/ots.ts';

// A BOM, NUL, CR LF, tab, non-ASCII and a trailing line break: all of it must arrive unchanged.
const MULTILINE = '\uFEFFline one\nline two\r\n\u0000\tü € 🔑\n';

// Each spawned process is a whole Node start-up (two shared cores in CI): every command and case runs against the
// current era; the other setups run one compact round trip through every command.
const TIMEOUT = { timeout: 90_000 };

function useServer(serverOptions: OtsServerOptions) {
  const setup = {} as {
    server: OtsServer;
    dir: string;
    env: NodeJS.ProcessEnv;
    withAccount: NodeJS.ProcessEnv;
  };
  beforeAll(async () => {
    assertCliBuilt();
    setup.server = await startOtsServer({ accounts: [ACCOUNT], ...serverOptions });
    setup.dir = mkdtempSync(join(tmpdir(), 'ots-cli-'));
    setup.env = cleanEnv({ OTS_BASE_URL: setup.server.url });
    setup.withAccount = cleanEnv({
      OTS_BASE_URL: setup.server.url,
      OTS_USERNAME: ACCOUNT.username,
      OTS_API_TOKEN: ACCOUNT.apiToken,
    });
  });
  afterAll(async () => {
    await setup.server?.close();
    if (setup.dir !== undefined) rmSync(setup.dir, { recursive: true, force: true });
  });
  return setup;
}

describe.each([
  ['v0.23 era', { era: 'v0.23' }],
  ['current era under --base-path /ots', { era: 'current', basePath: '/ots' }],
] as Array<[string, OtsServerOptions]>)('ots against the local server, %s', (_name, serverOptions) => {
  const setup = useServer(serverOptions);

  it('share, status, get, generate, burn (twice), wait and recent', TIMEOUT, async () => {
    const { server, env, withAccount } = setup;
    const shared = await runOts(['share', '--json'], { input: MULTILINE, env: withAccount });
    expect(shared.code).toBe(0);
    const receipt = json(shared);
    expect(receipt.secretUrl.startsWith(`${server.url}/secret/`)).toBe(true);
    expect((await runOts(['status', receipt.receiptUrl], { env })).out).toMatch(/^(new|viewed)\n$/);
    const got = await runOts(['get', receipt.secretUrl], { env });
    expect(got.stdout.equals(Buffer.from(MULTILINE, 'utf8'))).toBe(true);
    const waited = await runOts(['wait', receipt.receiptKey, '--until', 'received'], { env });
    expect([waited.code, waited.out]).toEqual([0, 'received\n']);
    const listed = await runOts(['recent'], { env: withAccount });
    expect(listed.out).toContain(`${receipt.receiptKey}\treceived`);

    const generated = json(await runOts(['generate', '--json'], { env }));
    expect(generated.value).toMatch(/^\S{12}$/);
    expect((await runOts(['burn', generated.receiptKey], { env })).out).toBe('burned\n');
    const again = await runOts(['burn', generated.receiptKey], { env });
    expect([again.code, again.out]).toEqual([0, 'burned\n']);
    expect(again.stderr).toContain('already burned');
  });
});

describe('ots against the local server, current era: every command and case', () => {
  const setup = useServer({ era: 'current', domains: ['secrets.example.com'] });
  let server: OtsServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let withAccount: NodeJS.ProcessEnv;
  beforeAll(() => {
    ({ server, dir, env, withAccount } = setup);
  });

  it('share reads stdin byte for byte; get writes the value to a pipe unchanged, once', TIMEOUT, async () => {
    const shared = await runOts(['share'], { input: MULTILINE, env });
    expect(shared.stderr).toContain('ends with a line break');
    // The leading BOM is shared too, and said so, as the action's secret-file does.
    expect(shared.stderr).toContain('starts with a UTF-8 byte-order mark');
    expect(shared.code).toBe(0);
    const link = shared.out.trimEnd();
    expect(shared.out).toBe(`${link}\n`); // exactly one line: `link=$(ots share < f)` works
    expect(link.startsWith(`${server.url}/secret/`)).toBe(true);

    const got = await runOts(['get', link], { env });
    expect(got.code).toBe(0);
    expect(got.stdout.equals(Buffer.from(MULTILINE, 'utf8'))).toBe(true);
    expect(got.stderr).toBe('');

    const again = await runOts(['get', link], { env });
    expect([again.code, again.out]).toEqual([4, '']);
    expect(again.stderr).toMatch(/^ots get: OTS reveal .*HTTP 404/);
  });

  it(
    'share FILE with --ttl, --passphrase-file and --json; get -o FILE with the passphrase',
    TIMEOUT,
    async () => {
      const secretFile = join(dir, 'secret.txt');
      const passFile = join(dir, 'pass.txt');
      writeFileSync(secretFile, 'user: admin\npassword: s3cr3t-Ä');
      writeFileSync(passFile, 'correct horse battery\n'); // the line break `echo` adds is not part of it
      const shared = await runOts(
        ['share', secretFile, '--ttl', '2h', '--passphrase-file', passFile, '--json'],
        {
          env,
        },
      );
      expect([shared.code, shared.stderr]).toEqual([0, '']);
      const receipt = json(shared);
      expect(receipt).toMatchObject({ state: 'new', ttl: 7200, passphraseRequired: true });
      expect(receipt.secretUrl.startsWith(`${server.url}/secret/`)).toBe(true);
      expect(receipt.receiptUrl).toBe(`${server.url}/receipt/${receipt.receiptKey}`);

      const status = await runOts(['status', receipt.receiptKey], { env });
      expect([status.code, status.out]).toEqual([0, 'new\n']);
      expect(status.stderr).toMatch(/^receipt \w{4}…: new; expires .*; passphrase required\n$/);

      // API v2 says "wrong passphrase" (422 → 8); v1 gives its one 404 for every failure (4).
      const noPassphrase = await runOts(['get', receipt.secretUrl], { env });
      expect(noPassphrase.stderr).toMatch(/passphrase/i);
      expect([4, 8]).toContain(noPassphrase.code);

      const target = join(dir, 'revealed.txt');
      const got = await runOts(['get', receipt.secretUrl, '--passphrase-file', passFile, '-o', target], {
        env,
      });
      expect([got.code, got.out]).toEqual([0, '']);
      expect(readFileSync(target, 'utf8')).toBe('user: admin\npassword: s3cr3t-Ä');
      if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);

      const after = await runOts(['receipt', receipt.receiptUrl, '--json'], { env });
      expect(json(after).state).toBe('received');
      // Burning what the recipient already opened is idempotent like every burn, but never silent about it.
      const burned = await runOts(['burn', receipt.receiptKey], { env });
      expect([burned.code, burned.out]).toEqual([0, 'received\n']);
      expect(burned.stderr).toContain('already opened');
    },
  );

  it('generate --length, then burn twice (idempotent) and the link no longer opens', TIMEOUT, async () => {
    const generated = await runOts(['generate', '--length', '20', '--json'], { env });
    expect(generated.code).toBe(0);
    const result = json(generated);
    expect(result.value).toMatch(/^\S{20}$/);
    expect(result.state).toBe('new');

    const burned = await runOts(['burn', result.receiptKey], { env });
    expect([burned.code, burned.out, burned.stderr]).toEqual([0, 'burned\n', '']);
    const again = await runOts(['burn', result.receiptUrl], { env });
    expect([again.code, again.out]).toEqual([0, 'burned\n']);
    expect(again.stderr).toMatch(/^note: .* already burned\.\n$/);

    const got = await runOts(['get', result.secretUrl], { env });
    expect(got.code).toBe(4);
  });

  it('generate without --json prints the link only; the value goes to -o FILE', TIMEOUT, async () => {
    const target = join(dir, 'generated.txt');
    const generated = await runOts(['generate', '-o', target], { env });
    expect(generated.code).toBe(0);
    expect(generated.out).toMatch(new RegExp(`^${escapeRegExp(server.url)}/secret/[0-9a-z]+\\n$`));
    const value = readFileSync(target, 'utf8');
    expect(value).toMatch(/^\S{12}$/);
    const got = await runOts(['get', generated.out.trim()], { env });
    expect(got.out).toBe(value);
  });

  it(
    'wait returns when the recipient opens the link; --timeout and another final state have their own exits',
    TIMEOUT,
    async () => {
      const shared = json(await runOts(['share', '--secret-arg', 'wait for me', '--json'], { env }));
      const reads = () => server.requests.filter((r) => r.path.includes(shared.receiptKey)).length;
      const waiting = runOts(['wait', shared.receiptKey, '--until', 'received', '--interval', '100ms'], {
        env,
      });
      // Reveal only once the waiting process has read the receipt at least twice: it really waited.
      for (let i = 0; i < 200 && reads() < 2; i++) await sleep(25);
      const recipient = new OtsClient({ baseUrl: server.url });
      expect((await recipient.reveal(shared.secretUrl)).value).toBe('wait for me');
      await recipient.close();
      const waited = await waiting;
      expect([waited.code, waited.out, waited.stderr]).toEqual([0, 'received\n', '']); // no progress line on a pipe

      const other = json(await runOts(['share', '--secret-arg', 'short lived', '--json'], { env }));
      const timedOut = await runOts(['wait', other.receiptKey, '--timeout', '300ms', '--interval', '100ms'], {
        env,
      });
      expect([timedOut.code, timedOut.out]).toEqual([9, '']);
      // v0.23 counts the sender's first receipt read as a view.
      expect(timedOut.stderr).toMatch(/--timeout 300ms passed while the secret was (new|viewed)\./);

      await runOts(['burn', other.receiptKey], { env });
      const ended = await runOts(['wait', other.receiptKey, '--until', 'received'], { env });
      expect([ended.code, ended.out]).toEqual([10, 'burned\n']);
    },
  );

  it(
    '--share-domain builds the link on the custom domain; --recipient puts the receipt link on stdout',
    TIMEOUT,
    async () => {
      const [onDomain, emailed] = await Promise.all([
        runOts(
          ['share', '--secret-arg', 'custom domain', '--share-domain', 'secrets.example.com', '--json'],
          {
            env: withAccount,
          },
        ),
        runOts(['share', '--secret-arg', 'by email', '--recipient', 'oncall@example.com'], {
          env: withAccount,
        }),
      ]);
      expect(onDomain.code).toBe(0);
      expect(json(onDomain).secretUrl).toMatch(/^https:\/\/secrets\.example\.com\/secret\/[0-9a-z]+$/);
      expect(emailed.code).toBe(0);
      expect(emailed.out).toMatch(new RegExp(`^${escapeRegExp(server.url)}/receipt/[0-9a-z]+\\n$`));
      expect(emailed.stderr).toContain('Emailed the link');
    },
  );

  it(
    'recent lists the account receipts; without an account it is refused before any request',
    TIMEOUT,
    async () => {
      const shared = json(
        await runOts(['share', '--secret-arg', 'for the list', '--json'], { env: withAccount }),
      );
      const listed = await runOts(['recent'], { env: withAccount });
      expect(listed.code).toBe(0);
      const line = listed.out.split('\n').find((l) => l.startsWith(shared.receiptKey));
      expect(line?.split('\t').slice(0, 2)).toEqual([shared.receiptKey, 'new']);
      const asJson = await runOts(['recent', '--json'], { env: withAccount });
      expect(json(asJson).map((r: { receiptKey: string }) => r.receiptKey)).toContain(shared.receiptKey);

      const recentReads = () => server.requests.filter((r) => r.path.endsWith('/recent')).length;
      const before = recentReads();
      const anonymous = await runOts(['recent'], { env });
      expect([anonymous.code, anonymous.out]).toEqual([2, '']);
      expect(anonymous.stderr).toContain('set username and apiToken');
      expect(recentReads()).toBe(before);
    },
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
