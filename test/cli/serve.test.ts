import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The sources, as `npm run ots-server` runs them (packed.test.ts runs the built, packed `ots serve`).
const CLI = fileURLToPath(new URL('../../cli/bin.ts', import.meta.url));

function startCli(args: string[]): ChildProcess {
  // process.execPath is the Node the tests run on (24, with type stripping).
  return spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function exited(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('ots serve', () => {
  it('prints its URL first, answers /api/v1/status with the account it was given, and exits 0 on SIGTERM', async () => {
    const child = startCli(['--port', '0', '--account', 'tester@example.com:TOKEN', '--era', 'v0.23']);
    try {
      const url = await firstLine(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const auth = `Basic ${Buffer.from('tester@example.com:TOKEN').toString('base64')}`;
      const status = await fetch(`${url}/api/v1/status`, { headers: { authorization: auth } });
      expect(await status.json()).toEqual({ status: 'nominal', locale: 'en' });
      const keyLength = (
        (await (
          await fetch(`${url}/api/v1/share`, { method: 'POST', body: new URLSearchParams({ secret: 'x' }) })
        ).json()) as { secret_key: string }
      ).secret_key.length;
      expect(keyLength).toBe(31);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes plans (which count with --billing) and share domains from --account user:token:plan and --domain', async () => {
    const child = startCli([
      '--port',
      '0',
      '--billing',
      '--account',
      'id@example.com:to:ken:identity',
      '--domain',
      'secrets.example.net',
    ]);
    try {
      const url = await firstLine(child);
      const auth = `Basic ${Buffer.from('id@example.com:to:ken').toString('base64')}`;
      const res = await fetch(`${url}/api/v1/share`, {
        method: 'POST',
        headers: { authorization: auth },
        body: new URLSearchParams({ secret: 'x', ttl: '99999999', share_domain: 'secrets.example.net' }),
      });
      const body = (await res.json()) as { ttl: number; share_domain: string };
      expect([body.ttl, body.share_domain]).toEqual([30 * 86_400, 'secrets.example.net']);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('serves under --base-path and exits 0 on SIGINT', async () => {
    const child = startCli(['--port', '0', '--base-path', '/ots/']);
    try {
      const url = await firstLine(child);
      expect(url).toMatch(/\/ots$/);
      expect((await fetch(`${url}/api/v2/status`)).status).toBe(200);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      expect((await exited)[0]).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('lists its flags on --help', async () => {
    const { code, out } = await exited(startCli(['--help']));
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: ots serve /);
    expect(out).toContain('SIGINT');
    for (const flag of [
      '--port',
      '--host',
      '--era',
      '--account',
      '--domain',
      '--base-path',
      '--billing',
      '--request-log-size',
      '--help',
    ])
      expect(out).toContain(flag);
  });

  it('refuses a bad flag with exit code 2 and a message naming it', async () => {
    const run = await exited(startCli(['--era', 'v9']));
    expect([run.code, run.out, run.err]).toEqual([
      2,
      '',
      'ots serve: --era: must be current or v0.23, got "v9".\n',
    ]);
  });

  for (const [args, message] of [
    [['--request-log-size', '0'], '--request-log-size: must be a whole number of at least 1, got "0".'],
    [['--port', '70000'], '--port: must be 0 to 65535, got "70000".'],
    [['--port', 'http'], '--port: must be 0 to 65535, got "http".'],
    [['--account', 'nobody'], '--account: must be USER:TOKEN[:PLAN]'],
    [['--account', 'me@example.com:'], '--account me@example.com: the token is empty.'],
    [['--billing', 'yes'], 'expected 0 arguments'],
  ] as const) {
    it(`refuses ${args.join(' ')} with exit code 2 before listening`, async () => {
      const run = await exited(startCli([...args]));
      expect([run.code, run.out]).toEqual([2, '']);
      expect(run.err).toContain(message);
    });
  }

  it('never echoes an account token in its messages', async () => {
    const run = await exited(startCli(['--account', 'me@example.com:s3cr3t-token', '--port', '99999']));
    expect(run.code).toBe(2);
    expect(run.err).not.toContain('s3cr3t-token');
  });

  it('takes --account more than once, prints one JSON line with --json, and exits 6 when the port is taken', async () => {
    const first = startCli([
      '--port',
      '0',
      '--account',
      'a@example.com:token-a',
      '--account',
      'b@example.com:token-b',
      '--json',
    ]);
    try {
      const line = JSON.parse(await firstLine(first)) as { url: string; port: number; era: string };
      expect(line).toEqual({ url: `http://127.0.0.1:${line.port}`, port: line.port, era: 'current' });
      // main's /api/v2/version needs an account: both are known, a wrong token is not.
      for (const [user, token, status] of [
        ['a@example.com', 'token-a', 200],
        ['b@example.com', 'token-b', 200],
        ['b@example.com', 'token-a', 401],
      ] as const) {
        const auth = `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
        const res = await fetch(`${line.url}/api/v2/version`, { headers: { authorization: auth } });
        expect(res.status, `${user}:${token}`).toBe(status);
      }
      const taken = await exited(startCli(['--port', String(line.port)]));
      expect([taken.code, taken.out]).toEqual([6, '']);
      expect(taken.err).toContain(`cannot listen on 127.0.0.1 port ${line.port}: the port is in use.`);
    } finally {
      first.kill('SIGKILL');
    }
  });

  it('warns on stderr when --host is not a loopback address', async () => {
    const child = startCli(['--port', '0', '--host', '0.0.0.0']);
    let err = '';
    child.stderr!.on('data', (chunk) => {
      err += chunk;
    });
    try {
      expect(await firstLine(child)).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      await exit;
      expect(err).toContain('warning: listening on 0.0.0.0, not a loopback address');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
