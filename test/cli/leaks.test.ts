// The leak scan: every command, successful and under every kind of server failure (fault injection, including
// error bodies that echo the secret, passphrase, token and keys back), with stdout and stderr searched for
// everything secret outside the stream where it belongs. On failure stdout is empty and stderr is one line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient, type Receipt } from '../../core/index.ts';
import { type Fault, type OtsServer, startOtsServer } from '../../server/index.ts';
import { ACCOUNT, assertCliBuilt, cleanEnv, type OtsRun, runOts } from './support/ots.ts';

const SECRET = 'Leak-Probe-Secret-4711\nsecond line';
const PASSPHRASE = 'Leak-Probe-Passphrase-0815';
const BASIC = Buffer.from(`${ACCOUNT.username}:${ACCOUNT.apiToken}`).toString('base64');

interface Target {
  receipt: Receipt;
}

/**
 * A command line, given a fresh secret made for it (get, burn, receipt and wait act on one). `holds` is what
 * the process is given and must keep out of its output even when a server echoes it back.
 */
type Case = { name: string; args: (t: Target, files: Files) => string[]; stdin?: string; holds: string[] };
interface Files {
  passphrase: string;
}

const COMMANDS: Case[] = [
  {
    name: 'share',
    args: (_t, f) => ['share', '--passphrase-file', f.passphrase],
    stdin: SECRET,
    holds: [SECRET, PASSPHRASE],
  },
  { name: 'generate', args: (_t, f) => ['generate', '--passphrase-file', f.passphrase], holds: [PASSPHRASE] },
  {
    name: 'get',
    args: (t, f) => ['get', t.receipt.secretUrl as string, '--passphrase-file', f.passphrase],
    holds: [PASSPHRASE],
  },
  { name: 'receipt', args: (t) => ['receipt', t.receipt.receiptUrl], holds: [] },
  {
    name: 'burn',
    args: (t, f) => ['burn', t.receipt.receiptKey, '--passphrase-file', f.passphrase],
    holds: [PASSPHRASE],
  },
  {
    name: 'wait',
    args: (t) => ['wait', t.receipt.receiptKey, '--until', 'new', '--interval', '100ms'],
    holds: [],
  },
  { name: 'recent', args: () => ['recent'], holds: [] },
];

/** An error body that repeats everything secret the command sent (and every key and link). */
const ECHO = (t: Target, holds: string[]) =>
  JSON.stringify({
    message: `echo ${holds.join(' ')} ${ACCOUNT.apiToken} Basic ${BASIC} ${t.receipt.secretKey} ${t.receipt.receiptKey} ${t.receipt.secretUrl}`,
  });

const FAULTS: Array<{ name: string; fault: (t: Target, holds: string[]) => Fault; exit: number }> = [
  {
    name: 'HTTP 500 echoing secrets',
    fault: (t, holds) => ({ type: 'status', status: 500, body: ECHO(t, holds) }),
    exit: 7,
  },
  { name: 'HTML 502 from a proxy', fault: () => ({ type: 'html', status: 502 }), exit: 7 },
  { name: 'connection reset', fault: () => ({ type: 'reset' }), exit: 6 },
  { name: '429 rate limit', fault: () => ({ type: 'rate-limit', retryAfter: 0 }), exit: 5 },
  {
    name: 'HTTP 401 echoing secrets',
    fault: (t, holds) => ({ type: 'status', status: 401, body: ECHO(t, holds) }),
    exit: 3,
  },
  { name: 'no answer in time', fault: () => ({ type: 'delay', ms: 6_000 }), exit: 6 },
];

// Long enough that a loaded CI machine answers every fault but the delay in time; the delay outlasts it.
const REQUEST_TIMEOUT = '3s';

// Two lanes, each with its own server, so two children run at a time without taking each other's faults.
let lanes: OtsServer[] = [];
let dir: string;
let files: Files;

beforeAll(async () => {
  assertCliBuilt();
  lanes = await Promise.all([0, 1].map(() => startOtsServer({ accounts: [ACCOUNT] })));
  dir = mkdtempSync(join(tmpdir(), 'ots-cli-leaks-'));
  files = { passphrase: join(dir, 'passphrase') };
  writeFileSync(files.passphrase, `${PASSPHRASE}\n`);
});
afterAll(async () => {
  await Promise.all(lanes.map((s) => s.close()));
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function target(server: OtsServer): Promise<Target> {
  const client = new OtsClient({ baseUrl: server.url, ...ACCOUNT });
  try {
    return { receipt: await client.share(SECRET, { passphrase: PASSPHRASE }) };
  } finally {
    await client.close();
  }
}

function env(server: OtsServer): NodeJS.ProcessEnv {
  return cleanEnv({
    OTS_BASE_URL: server.url,
    OTS_USERNAME: ACCOUNT.username,
    OTS_API_TOKEN: ACCOUNT.apiToken,
  });
}

/** What must never appear, by name; keys in full only (a shortened `abcd…` is fine). */
function forbidden(t: Target, produced: string[] = []): Record<string, string> {
  const list: Record<string, string> = {
    secret: SECRET,
    'secret first line': SECRET.split('\n')[0] as string,
    passphrase: PASSPHRASE,
    token: ACCOUNT.apiToken,
    'basic credential': BASIC,
    'secret key': t.receipt.secretKey as string,
    'receipt key': t.receipt.receiptKey,
  };
  produced.forEach((value, i) => {
    list[`produced ${i}`] = value;
  });
  return list;
}

function found(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

async function inLanes<T>(items: T[], run: (item: T, server: OtsServer) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    lanes.map(async (server) => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item, server);
    }),
  );
}

describe('leak scan', () => {
  it('every command × every failure: stdout empty, one redacted line on stderr, the documented exit code', {
    timeout: 180_000,
  }, async () => {
    const cases = COMMANDS.flatMap((command) => FAULTS.map((fault) => ({ command, fault })));
    const problems: string[] = [];
    await inLanes(cases, async ({ command, fault }, server) => {
      const t = await target(server);
      const before = server.requests.length;
      server.faults.clear();
      server.faults.add(fault.fault(t, command.holds));
      const run = await runOts(
        [...command.args(t, files), '--retries', '0', '--request-timeout', REQUEST_TIMEOUT],
        {
          env: env(server),
          ...(command.stdin === undefined ? {} : { input: command.stdin }),
        },
      );
      server.faults.clear();
      const label = `${command.name} × ${fault.name}`;
      if (server.requests.length === before) problems.push(`${label}: sent no request`);
      if (run.code !== fault.exit)
        problems.push(`${label}: exit ${run.code}, expected ${fault.exit}: ${run.stderr}`);
      if (run.stdout.length !== 0) problems.push(`${label}: wrote to stdout`);
      if (!/^ots [a-z]+: [^\n]+\n$/.test(run.stderr))
        problems.push(`${label}: stderr is not one line: ${run.stderr}`);
      const leaked = found(run.stderr, forbidden(t));
      if (leaked.length > 0) problems.push(`${label}: stderr holds ${leaked.join(', ')}`);
    });
    expect(problems).toEqual([]);
  });

  it('a success writes only its product to stdout, and stderr in a pipe holds no key, link or secret', {
    timeout: 90_000,
  }, async () => {
    const problems: string[] = [];
    await inLanes(COMMANDS, async (command, server) => {
      const t = await target(server);
      const run: OtsRun = await runOts(command.args(t, files), {
        env: env(server),
        ...(command.stdin === undefined ? {} : { input: command.stdin }),
      });
      const label = command.name;
      if (run.code !== 0 && command.name !== 'wait')
        problems.push(`${label}: exit ${run.code}: ${run.stderr}`);
      // What stdout is for, per command: anything else there is a leak.
      const out = run.out;
      const intended: Record<string, RegExp> = {
        share: new RegExp(`^${server.url}/secret/[0-9a-z]+\\n$`),
        generate: new RegExp(`^${server.url}/secret/[0-9a-z]+\\n$`),
        get: /^Leak-Probe-Secret-4711\nsecond line$/,
        receipt: /^new\n$/,
        burn: /^burned\n$/,
        wait: /^new\n$/,
        recent: /^([0-9a-z]+\t\w+\t\S+\t\S+\n)+$/,
      };
      if (!(intended[label] as RegExp).test(out))
        problems.push(`${label}: unexpected stdout ${JSON.stringify(out)}`);
      const produced = out.match(/[0-9a-z]{20,}/g) ?? [];
      const leaked = found(run.stderr, forbidden(t, produced));
      if (leaked.length > 0) problems.push(`${label}: stderr holds ${leaked.join(', ')}`);
      if (
        label !== 'get' &&
        found(out, { secret: SECRET, passphrase: PASSPHRASE, token: ACCOUNT.apiToken }).length
      ) {
        problems.push(`${label}: stdout holds a secret`);
      }
    });
    expect(problems).toEqual([]);
  });
});
