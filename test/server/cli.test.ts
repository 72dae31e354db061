import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../server/cli.ts', import.meta.url));

function startCli(args: string[]): ChildProcess {
  // process.execPath is the Node the tests run on (24, with type stripping).
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return line;
}

describe('ots-server CLI', () => {
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
    const child = startCli(['--help']);
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
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
    const child = startCli(['--era', 'v9']);
    let err = '';
    child.stderr!.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('--era must be current or v0.23');
  });

  it('refuses a request log size that is not a whole number of at least 1', async () => {
    const child = startCli(['--request-log-size', '0']);
    let err = '';
    child.stderr!.on('data', (chunk) => {
      err += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('--request-log-size must be a whole number of at least 1, got "0"');
  });
});
