// The committed dist/ bundle, run as the GitHub runner runs it, against the local OTS server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isOtsError, OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import {
  type ActionRun,
  commands,
  installAction,
  leaks,
  maskedLate,
  runAction,
} from './support/action-runner.ts';
import { type FakeGithubApi, startFakeGithubApi } from './support/fake-github-api.ts';

const ACCOUNT = { username: 'tester@example.com', apiToken: 'apitoken-e2e-7f3a9c' };

let server: OtsServer;
let client: OtsClient;
let actionDir: string;

beforeAll(async () => {
  server = await startOtsServer({ accounts: [ACCOUNT], domains: ['secrets.example.com'] });
  client = new OtsClient({ baseUrl: server.url });
  actionDir = installAction();
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function run(
  inputs: Record<string, string>,
  extra: Omit<Parameters<typeof runAction>[1] & {}, 'inputs'> = {},
) {
  return runAction(actionDir, { ...extra, inputs: { 'base-url': server.url, ...inputs } });
}

async function revealed(link: string | undefined): Promise<string> {
  if (!link) throw new Error('no link in the outputs');
  return (await client.reveal(link)).value;
}

function expectFailure(result: ActionRun, input: RegExp): void {
  expect(result.code).toBe(1);
  const errors = commands(result, 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(input);
}

describe('share', () => {
  it('creates a link that reveals the exact value, with every credential masked', async () => {
    const secret = '  db-password: Tr0ub4dor&3 \nsecond line of the secret\n';
    const result = await run({ secret, ttl: '2h', passphrase: 'horse-battery' });

    expect(result.code).toBe(0);
    const { outputs } = result;
    expect(outputs['secret-url']).toMatch(new RegExp(`^${server.url}/secret/[0-9a-z]+$`));
    expect(outputs['secret-url']).toBe(`${server.url}/secret/${outputs['secret-key']}`);
    expect(outputs['receipt-url']).toBe(`${server.url}/receipt/${outputs['receipt-key']}`);
    expect(outputs).toMatchObject({ ttl: '7200', state: 'new' });
    expect(new Date(outputs['expires-at'] ?? '').toISOString()).toBe(outputs['expires-at']);
    expect(outputs.value).toBeUndefined();
    expect((await client.reveal(outputs['secret-url'] ?? '', { passphrase: 'horse-battery' })).value).toBe(
      secret,
    );

    const sensitive = [
      secret,
      'horse-battery',
      outputs['secret-url'],
      outputs['secret-key'],
      outputs['receipt-key'],
    ];
    expect(leaks(result, sensitive as string[])).toEqual([]);
    expect(maskedLate(result, sensitive as string[], /^Created a one-time secret/)).toEqual([]);
    // The inputs are masked before anything else is printed.
    expect(
      result.stdout
        .split('\n')
        .slice(0, 2)
        .every((line) => line.startsWith('::add-mask::')),
    ).toBe(true);
    expect(result.summary).toContain('One-time secret shared');
    expect(result.summary).toContain('2h');
  });

  it.each([
    ['a trailing line break', 'from-a-file-9d2k\n', /ends with a line break/],
    ['a leading byte-order mark', '\uFEFFbom-file-4k2v', /starts with a UTF-8 byte-order mark/],
  ])(
    'reads secret-file byte for byte, %s included and noticed, with only the path in the step header',
    async (_, content, notice) => {
      const path = join(tmpdir(), `ots-e2e-secret-${process.pid}`);
      writeFileSync(path, content);
      const result = await run({ 'secret-file': path });

      expect(result.code).toBe(0);
      expect(await revealed(result.outputs['secret-url'])).toBe(content);
      expect(commands(result, 'notice').join('\n')).toMatch(notice);
      const bare = content.replace(/^\uFEFF|\n$/g, '');
      expect(leaks(result, [content, bare, result.outputs['secret-key'] ?? ''])).toEqual([]);
    },
  );

  it('lets the server generate a credential and returns it, masked, in the value output', async () => {
    const result = await run({ generate: 'true', length: '24' });

    expect(result.code).toBe(0);
    const value = result.outputs.value ?? '';
    expect(value).toHaveLength(24);
    expect(await revealed(result.outputs['secret-url'])).toBe(value);
    const sensitive = [value, result.outputs['secret-url'] ?? '', result.outputs['receipt-key'] ?? ''];
    expect(leaks(result, sensitive)).toEqual([]);
    expect(maskedLate(result, sensitive, /^Created a one-time secret/)).toEqual([]);
  });

  it('warns when the server grants a shorter TTL than asked', async () => {
    const result = await run({ secret: 'clamped-ttl-value', ttl: '30d' });

    expect(result.code).toBe(0);
    expect(result.outputs.ttl).toBe('604800');
    expect(commands(result, 'warning').join('\n')).toMatch(/"ttl": asked for 30d .* granted 7d .* sooner/);
  });

  it('keeps the link out of the workflow when Onetime Secret emails it to a recipient', async () => {
    const result = await run({
      secret: 'emailed-secret-value',
      recipient: 'oncall@example.com',
      username: ACCOUNT.username,
      'api-token': ACCOUNT.apiToken,
    });

    expect(result.code).toBe(0);
    expect(result.outputs['secret-url']).toBeUndefined();
    expect(result.outputs['secret-key']).toBeUndefined();
    expect(result.outputs['receipt-key']).toMatch(/^[0-9a-z]+$/);
    expect(server.requests.every((request) => request.hasAuth)).toBe(true);
    expect(result.summary).toMatch(/emailed by Onetime Secret/);
    expect(
      leaks(result, ['emailed-secret-value', ACCOUNT.apiToken, result.outputs['receipt-key'] ?? '']),
    ).toEqual([]);
  });

  it('prints nothing sensitive in step debug mode either', async () => {
    const result = await run(
      {
        secret: 'debug-mode-value',
        passphrase: 'debug-pass-1234',
        username: ACCOUNT.username,
        'api-token': ACCOUNT.apiToken,
      },
      { env: { RUNNER_DEBUG: '1' } },
    );

    expect(result.code).toBe(0);
    const sensitive = [
      'debug-mode-value',
      'debug-pass-1234',
      ACCOUNT.apiToken,
      result.outputs['secret-url'] ?? '',
    ];
    expect(leaks(result, sensitive)).toEqual([]);
    for (const line of commands(result, 'debug'))
      for (const value of sensitive) expect(line).not.toContain(value);
  });

  it('builds the link on a registered share-domain', async () => {
    const result = await run({
      secret: 'custom-domain-value',
      'share-domain': 'secrets.example.com',
      username: ACCOUNT.username,
      'api-token': ACCOUNT.apiToken,
    });

    expect(result.code).toBe(0);
    expect(result.outputs['secret-url']).toBe(
      `https://secrets.example.com/secret/${result.outputs['secret-key']}`,
    );
    expect(await revealed(result.outputs['secret-key'])).toBe('custom-domain-value');
    expect(leaks(result, [result.outputs['secret-url'] ?? '', ACCOUNT.apiToken])).toEqual([]);
  });

  it('puts the link in the summary only when summary-include-link is true, with a warning', async () => {
    const result = await run({ secret: 'summary-link-value', 'summary-include-link': 'true' });

    expect(result.code).toBe(0);
    const link = result.outputs['secret-url'] ?? '';
    expect(result.summary).toContain(link);
    expect(commands(result, 'warning').join('\n')).toMatch(/summary-include-link/);
    expect(leaks(result, ['summary-link-value', link], { summaryMayHold: [link] })).toEqual([]);
  });
});

describe('burn and status', () => {
  it('reports whether the recipient has opened the link yet', async () => {
    const receipt = await client.share('status-check-value');
    const before = await run({ operation: 'status', 'receipt-key': receipt.receiptKey });
    expect(before.code).toBe(0);
    expect(before.outputs.state).toBe('new');
    expect(before.stdout).toMatch(/not opened yet/);

    await client.reveal(receipt.secretUrl ?? '');
    const after = await run({ operation: 'status', 'receipt-key': receipt.receiptUrl });
    expect(after.code).toBe(0);
    expect(after.outputs.state).toBe('received');
    expect(after.outputs['secret-url']).toBeUndefined();
    expect(leaks(after, [receipt.receiptKey, receipt.receiptUrl])).toEqual([]);
  });

  it('burns a secret by its receipt key, so the link stops working', async () => {
    const receipt = await client.share('burn-me-value');
    const result = await run({ operation: 'burn', 'receipt-key': receipt.receiptKey });

    expect(result.code).toBe(0);
    expect(result.outputs.state).toBe('burned');
    await expect(client.reveal(receipt.secretUrl ?? '')).rejects.toMatchObject({ code: 'not_found' });
    expect(leaks(result, [receipt.receiptKey])).toEqual([]);
  });

  it('explains a receipt key the server does not know', async () => {
    const result = await run({ operation: 'status', 'receipt-key': 'z'.repeat(62) });
    expectFailure(result, /HTTP 404.*Receipts live twice the TTL/);
  });
});

describe.each(['current', 'v0.23'] as const)('burn twice against a %s server', (era) => {
  let eraServer: OtsServer;
  let eraClient: OtsClient;
  beforeAll(async () => {
    eraServer = await startOtsServer({ era });
    eraClient = new OtsClient({ baseUrl: eraServer.url });
  });
  afterAll(async () => {
    await eraClient.close();
    await eraServer.close();
  });

  it.each(['v1', 'v2'] as const)('over API %s: the second burn succeeds with a notice', async (api) => {
    const receipt = await eraClient.share('burn-twice-value');
    const inputs = {
      'base-url': eraServer.url,
      'api-version': api,
      operation: 'burn',
      'receipt-key': receipt.receiptKey,
    };
    const first = await runAction(actionDir, { inputs });
    expect(first.code).toBe(0);
    expect(first.outputs.state).toBe('burned');
    expect(first.stdout).toMatch(/Burned the secret/);

    const second = await runAction(actionDir, { inputs });
    expect(second.code).toBe(0);
    expect(commands(second, 'error')).toEqual([]);
    expect(second.outputs.state).toBe('burned');
    expect(commands(second, 'notice').join('\n')).toMatch(/Nothing to burn: the secret was already burned/);
    expect((await eraClient.receipt(receipt.receiptKey)).state).toBe('burned');
    expect(leaks(second, [receipt.receiptKey])).toEqual([]);
  });

  it('the post step after an explicit burn is quiet about it and does not fail', async () => {
    const main = await runAction(actionDir, {
      inputs: { 'base-url': eraServer.url, secret: 'burned-before-post', 'burn-on-failure': 'true' },
    });
    expect(main.code).toBe(0);
    await eraClient.burn(main.outputs['receipt-key'] ?? '');
    const post = await runAction(actionDir, {
      inputs: { 'base-url': eraServer.url, secret: 'burned-before-post', 'burn-on-failure': 'true' },
      state: main.state,
    });
    expect(post.code).toBe(0);
    expect(commands(post, 'warning').join('\n')).toMatch(/nothing left to burn.*state: burned/);
  });
});

describe('bad input fails the step before any request', () => {
  it.each([
    ['nothing to share', {}, /exactly one of "secret" .*"secret-file" .*"generate: true"; none was given/],
    ['secret and generate', { secret: 'a', generate: 'true' }, /got "secret" and "generate: true"/],
    [
      'an unreadable secret-file',
      { 'secret-file': '/nonexistent/ots-secret' },
      /^Input "secret-file": cannot read/,
    ],
    ['a bad ttl', { secret: 'a', ttl: 'tomorrow' }, /^Input "ttl": "tomorrow" is not a valid TTL/],
    [
      'half a credential',
      { secret: 'a', username: 'tester@example.com' },
      /^Input "api-token": missing. Give both "username" and "api-token"/,
    ],
    [
      'plain http to a remote host',
      { secret: 'a', 'base-url': 'http://ots.example.com' },
      /^Input "base-url": plain http:\/\/ to ots\.example\.com/,
    ],
    [
      'an oversized secret',
      { secret: 'x'.repeat(10_001) },
      /^Input "secret": is 10001 bytes \(UTF-8\); the limit is 10000 bytes/,
    ],
    [
      'an unknown operation',
      { operation: 'reveal', secret: 'a' },
      /^Input "operation": expected one of "share", "burn", "status"/,
    ],
    ['burn without receipt-key', { operation: 'burn' }, /^Input "receipt-key": operation "burn" needs/],
    ['status without receipt-key', { operation: 'status' }, /^Input "receipt-key": operation "status" needs/],
    [
      'a non-boolean flag',
      { secret: 'a', 'burn-on-failure': 'yes' },
      /^Input "burn-on-failure": expected "true" or "false"/,
    ],
  ])('%s', async (_case, inputs, message) => {
    const result = await run(inputs);
    expectFailure(result, message);
    expect(server.requests).toHaveLength(0);
    expect(result.outputs).toEqual({});
  });

  it('never echoes the secret in the error', async () => {
    const result = await run({ secret: 'do-not-echo-me-4821', ttl: 'soon' });
    expect(result.code).toBe(1);
    expect(leaks(result, ['do-not-echo-me-4821'])).toEqual([]);
  });
});

describe('untrusted triggers', () => {
  const forkPr = {
    pull_request: {
      head: { repo: { id: 2, full_name: 'mallory/app' } },
      base: { repo: { id: 1, full_name: 'acme/app' } },
    },
  };

  it('refuses pull_request_target from a fork before any request', async () => {
    const result = await run(
      { secret: 'fork-target-value' },
      { env: { GITHUB_EVENT_NAME: 'pull_request_target' }, event: forkPr },
    );
    expectFailure(
      result,
      /Refusing to run on a "pull_request_target" event .* fork "mallory\/app".*allow-untrusted-trigger/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses workflow_run from a fork', async () => {
    const event = {
      workflow_run: {
        head_repository: { id: 2, full_name: 'mallory/app' },
        repository: { id: 1, full_name: 'acme/app' },
      },
    };
    const result = await run(
      { secret: 'fork-run-value' },
      { env: { GITHUB_EVENT_NAME: 'workflow_run' }, event },
    );
    expectFailure(result, /"workflow_run" event/);
    expect(server.requests).toHaveLength(0);
  });

  it('runs anyway with allow-untrusted-trigger: true', async () => {
    const result = await run(
      { secret: 'fork-allowed-value', 'allow-untrusted-trigger': 'true' },
      { env: { GITHUB_EVENT_NAME: 'pull_request_target' }, event: forkPr },
    );
    expect(result.code).toBe(0);
    expect(await revealed(result.outputs['secret-url'])).toBe('fork-allowed-value');
  });
});

describe('burn-on-failure post step', () => {
  async function mainThenPost(inputs: Record<string, string>) {
    const main = await run(inputs);
    expect(main.code).toBe(0);
    // The runner starts the post step (post-if: failure() || cancelled()) with the same inputs and the state
    // the main step saved.
    const post = await run(inputs, { state: main.state });
    return { main, post };
  }

  it('burns the secret the main step created', async () => {
    const { main, post } = await mainThenPost({ secret: 'burn-on-failure-value', 'burn-on-failure': 'true' });

    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/burned the secret this step created/);
    expect(server.requests.filter((r) => r.method === 'POST' && /\/burn$/.test(r.path))).toHaveLength(1);
    await expect(client.reveal(main.outputs['secret-url'] ?? '')).rejects.toSatisfy(
      (error) => isOtsError(error) && error.code === 'not_found',
    );
    expect(leaks(post, [main.outputs['receipt-key'] ?? ''])).toEqual([]);
  });

  it('burns a passphrase-protected secret with the passphrase input', async () => {
    const { main, post } = await mainThenPost({
      secret: 'burn-with-passphrase',
      passphrase: 'burn-pass-1234',
      'burn-on-failure': 'true',
    });
    expect(post.code).toBe(0);
    await expect(
      client.reveal(main.outputs['secret-url'] ?? '', { passphrase: 'burn-pass-1234' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('does nothing when burn-on-failure is off', async () => {
    const { main, post } = await mainThenPost({ secret: 'keep-me-value' });
    const requestsAfterMain = server.requests.length;

    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/Nothing to burn/);
    expect(server.requests).toHaveLength(requestsAfterMain);
    expect(await revealed(main.outputs['secret-url'])).toBe('keep-me-value');
  });

  it('warns, without failing, when the recipient opened the secret before the job failed', async () => {
    const main = await run({ secret: 'opened-in-time', 'burn-on-failure': 'true' });
    await client.reveal(main.outputs['secret-url'] ?? '');
    const post = await run({ secret: 'opened-in-time', 'burn-on-failure': 'true' }, { state: main.state });

    expect(post.code).toBe(0);
    expect(commands(post, 'warning').join('\n')).toMatch(/nothing left to burn/);
  });
});

describe('comment-on', () => {
  let github: FakeGithubApi;
  beforeAll(async () => {
    github = await startFakeGithubApi();
  });
  afterAll(() => github.close());

  it('posts the link and its expiry to the issue, never to the log, and warns who can read it', async () => {
    const result = await run(
      { secret: 'commented-value', 'comment-on': '42', 'github-token': 'ghs_faketoken123' },
      { env: { GITHUB_API_URL: github.url } },
    );

    expect(result.code).toBe(0);
    const link = result.outputs['secret-url'] ?? '';
    const comment = github.comments.at(-1);
    expect(comment?.path).toBe('/repos/acme/app/issues/42/comments');
    expect(comment?.authorization).toBe('token ghs_faketoken123');
    expect(comment?.body).toContain(link);
    expect(comment?.body).toContain(result.outputs['expires-at']);
    expect(commands(result, 'warning').join('\n')).toMatch(/Anyone who can read #42 can open it first/);
    expect(result.stdout).toMatch(
      /Posted the link to #42: https:\/\/github.com\/acme\/app\/issues\/42#issuecomment-/,
    );
    expect(leaks(result, [link, 'commented-value', 'ghs_faketoken123'])).toEqual([]);
  });

  it('says which permission is missing when GitHub refuses the comment', async () => {
    github.failNextWith(403);
    const result = await run(
      { secret: 'comment-refused', 'comment-on': '7', 'github-token': 'ghs_readonly' },
      { env: { GITHUB_API_URL: github.url } },
    );
    expectFailure(result, /Could not comment on #7 in acme\/app \(HTTP 403.*"issues: write"/);
  });
});

describe('against an OTS v0.23 server', () => {
  let old: OtsServer;
  let oldClient: OtsClient;
  beforeAll(async () => {
    old = await startOtsServer({ era: 'v0.23' });
    oldClient = new OtsClient({ baseUrl: old.url });
  });
  afterAll(async () => {
    await oldClient.close();
    await old.close();
  });

  it.each(['auto', 'v1', 'v2'])('shares and generates with api-version %s', async (apiVersion) => {
    const shared = await runAction(actionDir, {
      inputs: { 'base-url': old.url, 'api-version': apiVersion, secret: `v023-${apiVersion}-value` },
    });
    expect(shared.code).toBe(0);
    expect((await oldClient.reveal(shared.outputs['secret-url'] ?? '')).value).toBe(
      `v023-${apiVersion}-value`,
    );

    const generated = await runAction(actionDir, {
      inputs: { 'base-url': old.url, 'api-version': apiVersion, generate: 'true' },
    });
    expect(generated.code).toBe(0);
    expect((await oldClient.reveal(generated.outputs['secret-url'] ?? '')).value).toBe(
      generated.outputs.value,
    );
    expect(leaks(generated, [generated.outputs.value ?? ''])).toEqual([]);
  });

  it.each(['v1', 'auto'])(
    'reads the status over %s without surfacing the value a v0.23 receipt read returns',
    async (apiVersion) => {
      const receipt = await oldClient.share('v023-status-plaintext');
      const result = await runAction(actionDir, {
        inputs: {
          'base-url': old.url,
          'api-version': apiVersion,
          operation: 'status',
          'receipt-key': receipt.receiptKey,
        },
      });

      expect(result.code).toBe(0);
      // v0.23 flips the receipt to viewed on this first read (over v1; v2 reports it as it was).
      expect(['new', 'viewed']).toContain(result.outputs.state);
      expect(Object.values(result.outputs)).not.toContain('v023-status-plaintext');
      expect(result.stdout + result.stderr + result.summary).not.toContain('v023-status-plaintext');
    },
  );
});

// Core loads only the undici parts it uses (core/http/dispatcher.ts); the proxy agent and its tunnel are among them.
describe('proxy', () => {
  it('asks HTTPS_PROXY for a CONNECT tunnel to an https:// server, and reports the proxy refusing it', async () => {
    const { createProxy } = await import('proxy');
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const proxy = createProxy(createServer());
    proxy.authenticate = () => false;
    proxy.on('connect', (req) => seen.push(`CONNECT ${req.url}`));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as import('node:net').AddressInfo;
    try {
      const result = await run(
        { secret: 'through-the-tunnel', 'base-url': 'https://ots.example.invalid' },
        { env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } },
      );
      expectFailure(result, /407/);
      expect(commands(result, 'error')[0]).not.toMatch(/not a function/);
      expect(seen).toEqual(['CONNECT ots.example.invalid:443']);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  // The production path: TLS to OTS inside a CONNECT tunnel. A throwaway certificate for ots.test (made with the
  // openssl CLI, so skipped where there is none or it cannot make one) is trusted through NODE_EXTRA_CA_CERTS; TLS
  // ends in front of the local server, and the proxy sends ots.test:443 there.
  const certDir = mkdtempSync(join(tmpdir(), 'ots-e2e-tls-'));
  const [key, cert] = [join(certDir, 'key.pem'), join(certDir, 'cert.pem')];
  const made = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
    ...['-subj', '/CN=ots.test', '-addext', 'subjectAltName=DNS:ots.test', '-keyout', key, '-out', cert],
  ]);
  afterAll(() => rmSync(certDir, { recursive: true, force: true }));

  it.skipIf(made.status !== 0)('shares over TLS inside a CONNECT tunnel through HTTPS_PROXY', async () => {
    const tls = await import('node:tls');
    const net = await import('node:net');
    const front = tls.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => {
      const back = net.connect(server.port, '127.0.0.1');
      socket.pipe(back).pipe(socket);
      const end = () => {
        socket.destroy();
        back.destroy();
      };
      socket.on('error', end);
      back.on('error', end);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const frontPort = (front.address() as import('node:net').AddressInfo).port;
    const { createProxy } = await import('proxy');
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const proxy = createProxy(createServer());
    proxy.prependListener('connect', (req) => {
      seen.push(`CONNECT ${req.url}`);
      req.url = `127.0.0.1:${frontPort}`;
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as import('node:net').AddressInfo;
    try {
      const result = await run(
        { secret: 'inside-the-tunnel', 'base-url': 'https://ots.test' },
        { env: { HTTPS_PROXY: `http://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: cert } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(seen).toEqual(['CONNECT ots.test:443']);
      const link = result.outputs['secret-url'] ?? '';
      expect(link).toMatch(/^https:\/\/ots\.test\/secret\//);
      const key = link.split('/').pop() ?? '';
      expect((await client.reveal(key)).value).toBe('inside-the-tunnel');
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await new Promise((resolve) => front.close(resolve));
    }
  });

  it('reaches OTS through HTTP_PROXY from the environment', async () => {
    const { createProxy } = await import('proxy');
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const proxy = createProxy(createServer());
    proxy.prependListener('request', (req) => {
      seen.push(`${req.method} ${req.url}`);
      // A name that resolves only through the proxy, so only a request that went through it can succeed.
      req.url = req.url?.replace('//ots.test:', '//127.0.0.1:');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as import('node:net').AddressInfo;
    try {
      const result = await run(
        {
          secret: 'through-the-proxy',
          'base-url': `http://ots.test:${server.port}`,
          'allow-insecure-http': 'true',
        },
        { env: { HTTP_PROXY: `http://127.0.0.1:${port}` } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(seen).toEqual([
        expect.stringMatching(/^POST http:\/\/ots\.test:\d+\/api\/v2\/secret\/conceal$/),
      ]);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
