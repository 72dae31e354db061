// The hostile-server suite: a scripted misbehaving server, a proxy and a TLS peer that never answer, against the
// library, the GitHub Action (run() in process) and the Pulumi provider, for share, generate, burn and status.
// Every case checks: the call ends by its deadline (+ 1 s, including close(), with slack for a loaded machine;
// a correctness bound, not a performance figure), no sensitive value in any spelling reaches any channel (stdout,
// stderr with undici's debug log, outputs, plain state, summary, error message/stack/inspect), every error is typed,
// and a secret the server says it created is either returned, burned or surfaced: never orphaned.

import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const recorder = vi.hoisted(() => ({
  calls: [] as Array<{ fn: string; args: unknown[] }>,
  inputs: {} as Record<string, string>,
}));

vi.mock('@actions/core', async (importOriginal) =>
  (await import('../action/support/core-recorder.ts')).recordingCore(recorder, await importOriginal()),
);

import { createdReceiptKey, isOtsError, OtsClient } from '../../core/index.ts';
import { SECRET_OUTPUTS } from '../../pulumi/args.ts';
import { create, read, remove } from '../../pulumi/provider/index.ts';
import { resetBeforeEach } from '../action/support/core-recorder.ts';
import { type BlackHole, startBlackHole } from './support/black-hole.ts';
import { leaksIn } from './support/leaks.ts';
import {
  RECEIPT_KEY,
  type Reply,
  type ScriptedRequest,
  type ScriptedServer,
  SECRET_KEY,
  startScriptedServer,
  v2Created,
  v2Receipt,
} from './support/scripted-server.ts';

const DEADLINE_MS = 1_000;
/** One second past the deadline, as promised, plus room for a machine shared with other test runs. */
const LATE_MS = 1_000 + 1_500;
/** Reads are retried (maxRetries 2 by default): each attempt has the deadline, with at most 600 ms of backoff. */
const READ_ATTEMPTS = 3;

const SECRET = 'hostile-Zq8!x&y "quoted" %41~\nsecond-line-pass/+=';
const PASSPHRASE = 'pass phrase&=é%2F';
const USERNAME = 'ops@example.com';
const API_TOKEN = 'tok-hostile-0123456789';
const NEVER_SHOWN = [
  SECRET,
  PASSPHRASE,
  API_TOKEN,
  Buffer.from(`${USERNAME}:${API_TOKEN}`).toString('base64'),
];
/** Keys may be outputs (masked) but never in printed text. */
const KEYS = [RECEIPT_KEY, SECRET_KEY];

type Operation = 'share' | 'generate' | 'burn' | 'status';
const OPERATIONS: Operation[] = ['share', 'generate', 'burn', 'status'];
const INJECTED = 'viewed\n::error title=Injected::x\n::stop-commands::y <img src=x onerror=alert(1)>';

interface Mode {
  name: string;
  /** Where the client connects: the scripted server, a proxy that never answers CONNECT, or a TLS black hole. */
  via: 'server' | 'proxy' | 'tls';
  /** How the scripted server answers (via: 'server'). */
  reply?: (request: ScriptedRequest) => Reply;
  /** Answers only arrive after the deadline: the case measures the deadline. */
  hangs: boolean;
}

/** A 2xx answer of the right shape for the request, with `fields` replaced in its receipt. */
function success(request: ScriptedRequest, fields: Record<string, unknown>): Reply {
  if (request.path.endsWith('/status')) return { body: { status: 'nominal', locale: 'en' } };
  if (request.path === '/api/v1/generate') {
    return {
      body: {
        metadata_key: RECEIPT_KEY,
        secret_key: SECRET_KEY,
        value: 'gen-Value-123',
        ttl: 3600,
        state: 'new',
        created: 1_760_000_000,
        ...fields,
      },
    };
  }
  if (request.path.endsWith('/conceal') || request.path.endsWith('/generate'))
    return { body: v2Created(fields) };
  return { body: { success: true, record: v2Receipt(fields) } };
}

const MODES: Mode[] = [
  { name: 'never answers', via: 'server', reply: () => 'hang', hangs: true },
  { name: 'stalls mid-body', via: 'server', reply: () => 'stall-body', hangs: true },
  { name: 'proxy never answers CONNECT', via: 'proxy', hangs: true },
  { name: 'TLS handshake never completes', via: 'tls', hangs: true },
  { name: 'resets the connection', via: 'server', reply: () => 'reset', hangs: false },
  {
    name: '422 quoting the request body',
    via: 'server',
    reply: (r) => ({ status: 422, body: { message: `refused: ${r.body}`, error_type: 'validation' } }),
    hangs: false,
  },
  {
    name: '500 with the request body base64-encoded',
    via: 'server',
    reply: (r) => ({ status: 500, body: { message: Buffer.from(r.body).toString('base64') } }),
    hangs: false,
  },
  {
    name: '502 HTML page quoting the body',
    via: 'server',
    reply: (r) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html>${r.body}</html>` }),
    hangs: false,
  },
  { name: '200 that is not JSON', via: 'server', reply: (r) => ({ body: `oops ${r.body}` }), hangs: false },
  {
    name: 'injected state',
    via: 'server',
    reply: (r) => success(r, { state: INJECTED, share_domain: 'x.example/<b>' }),
    hangs: false,
  },
  {
    name: 'state "constructor"',
    via: 'server',
    reply: (r) => success(r, { state: 'constructor' }),
    hangs: false,
  },
  { name: 'created: 1e20', via: 'server', reply: (r) => success(r, { created: 1e20 }), hangs: false },
  {
    name: 'fields of the wrong types',
    via: 'server',
    reply: (r) => success(r, { state: 7, secret_ttl: 'soon', recipients: { a: 1 }, created: [] }),
    hangs: false,
  },
];

let server: ScriptedServer;
let hole: BlackHole;
let captured = '';
const summaryFile = join(mkdtempSync(join(tmpdir(), 'ots-hostile-')), 'summary');

beforeAll(async () => {
  server = await startScriptedServer(() => 'hang');
  hole = await startBlackHole();
  const capture =
    (stream: NodeJS.WriteStream) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      captured += String(chunk);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return stream === process.stdout || stream === process.stderr;
    };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture(process.stdout) as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture(process.stderr) as never);
  // NODE_DEBUG is read once when Node starts, so NODE_DEBUG=undici cannot be turned on in this worker. undici's debug
  // log is written from its diagnostics channels; the same lines are written here from the same channels.
  type Request = { method?: string; origin?: unknown; path?: string };
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: Request };
    captured += `UNDICI ${process.pid}: sending request to ${request.method} ${String(request.origin)}/${request.path}\n`;
  });
  subscribe('undici:request:error', (message) => {
    const { request, error } = message as { request: Request; error: Error };
    captured += `UNDICI ${process.pid}: request to ${request.method} ${String(request.origin)}/${request.path} errored - ${error.message}\n`;
  });
  // vitest routes console.* around process.stdout/stderr; the provider warns through console.error.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured += `${args.map(String).join(' ')}\n`;
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
  await hole.close();
});

/** Where a client of this mode connects, and the environment that sends it through the black-hole proxy. */
function target(mode: Mode): { baseUrl: string; env: Record<string, string> } {
  if (mode.via === 'proxy') {
    return { baseUrl: 'https://ots.example.invalid', env: { https_proxy: `http://127.0.0.1:${hole.port}` } };
  }
  if (mode.via === 'tls') return { baseUrl: `https://127.0.0.1:${hole.port}`, env: {} };
  return { baseUrl: server.url, env: {} };
}

function boundMs(operation: Operation): number {
  return (operation === 'status' ? READ_ATTEMPTS * DEADLINE_MS + 600 : DEADLINE_MS) + LATE_MS;
}

function errorText(error: unknown): string {
  if (error === undefined) return '';
  const e = error as Error;
  return [e.message, String(e.stack), inspect(error, { depth: 6 }), JSON.stringify(error)].join('\n');
}

/** Did a create get a 2xx answer naming RECEIPT_KEY (so the secret exists and its key is known), and was it burned? */
function creations(requests: ScriptedRequest[], mode: Mode): { created: boolean; burned: boolean } {
  const created = requests.some((r) => {
    if (!/\/(conceal|generate|share)$/.test(r.path)) return false;
    const reply = mode.reply?.(r);
    return (
      typeof reply === 'object' &&
      (reply.status ?? 200) < 300 &&
      JSON.stringify(reply.body).includes(RECEIPT_KEY)
    );
  });
  const burned = requests.some((r) => r.path.endsWith(`/${RECEIPT_KEY}/burn`));
  return { created, burned };
}

function expectNoLeak(text: string, values: readonly string[], where: string): void {
  expect(leaksIn(text, values), where).toEqual([]);
}

function prepare(mode: Mode): void {
  server.script = mode.reply ?? (() => 'hang');
  server.requests.length = 0;
  captured = '';
}

// Modes that hang run their cases concurrently (each just waits out its deadline; nothing is created, so the
// shared request log does not matter); the others one by one, each with a fresh request log.
describe.each(MODES)('hostile: $name', (mode) => {
  const suite = mode.hangs ? describe.concurrent : describe;
  if (mode.hangs) {
    beforeAll(() => prepare(mode));
  } else {
    beforeEach(() => prepare(mode));
  }
  suite('library', () => {
    it.each(OPERATIONS)('%s', async (operation) => {
      const { baseUrl, env } = target(mode);
      const client = new OtsClient({
        baseUrl,
        env,
        username: USERNAME,
        apiToken: API_TOKEN,
        timeoutMs: DEADLINE_MS,
      });
      const started = performance.now();
      let result: unknown;
      let error: unknown;
      try {
        result =
          operation === 'share'
            ? await client.share(SECRET, { passphrase: PASSPHRASE })
            : operation === 'generate'
              ? await client.generate({ passphrase: PASSPHRASE })
              : operation === 'burn'
                ? await client.burn(RECEIPT_KEY, { passphrase: PASSPHRASE })
                : await client.receipt(RECEIPT_KEY);
      } catch (e) {
        error = e;
      }
      await client.close();
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(boundMs(operation));
      if (error !== undefined) expect(isOtsError(error), errorText(error)).toBe(true);
      expectNoLeak(errorText(error), [...NEVER_SHOWN, ...KEYS], 'error');
      // The debug log shows request paths, keys included, as NODE_DEBUG=undici does: the caller asked for it.
      expectNoLeak(captured, NEVER_SHOWN, 'stdout/stderr');
      if (result !== undefined) expect(() => JSON.stringify(result)).not.toThrow();
      const { created } = creations(server.requests, mode);
      if (created && (operation === 'share' || operation === 'generate')) {
        // Returned, or named on the error for the caller to burn.
        expect(result !== undefined || createdReceiptKey(error) === RECEIPT_KEY).toBe(true);
      }
    });
  });

  suite('Pulumi provider', () => {
    it.each(OPERATIONS)('%s', async (operation) => {
      const { baseUrl, env } = target(mode);
      const context = {
        env: {
          ...env,
          OTS_BASE_URL: baseUrl,
          OTS_USERNAME: USERNAME,
          OTS_API_TOKEN: API_TOKEN,
          OTS_TIMEOUT_MS: String(DEADLINE_MS),
        },
      };
      const state = {
        baseUrl,
        receiptKey: RECEIPT_KEY,
        receiptUrl: `${baseUrl}/receipt/${RECEIPT_KEY}`,
        passphrase: PASSPHRASE,
        state: 'new',
        warnings: [],
      };
      const started = performance.now();
      let outs: Record<string, unknown> | undefined;
      let error: unknown;
      try {
        if (operation === 'share')
          outs = (await create({ secret: SECRET, passphrase: PASSPHRASE }, context)).outs as never;
        else if (operation === 'generate')
          outs = (await create({ generate: true, passphrase: PASSPHRASE }, context)).outs as never;
        else if (operation === 'burn') await remove('id', state, context);
        else outs = (await read('id', state, context)).props as never;
      } catch (e) {
        error = e;
      }
      const elapsed = performance.now() - started;
      // remove() may read the receipt after a failed burn: two calls, the second a retried read.
      expect(elapsed).toBeLessThan(
        boundMs(operation === 'burn' ? 'status' : operation) + (operation === 'burn' ? DEADLINE_MS : 0),
      );
      if (error !== undefined)
        expect((error as Error).message).toMatch(/^ots-handoff: .* failed \((\w+)\): /);
      const plainState = Object.fromEntries(
        Object.entries(outs ?? {}).filter(([name]) => !(SECRET_OUTPUTS as readonly string[]).includes(name)),
      );
      expectNoLeak(
        `${errorText(error)}\n${JSON.stringify(plainState)}`,
        [...NEVER_SHOWN, ...KEYS],
        'error or plain state',
      );
      expectNoLeak(captured, NEVER_SHOWN, 'stdout/stderr');
      const { created, burned } = creations(server.requests, mode);
      if (created && (operation === 'share' || operation === 'generate')) {
        expect(burned || outs?.receiptKey === RECEIPT_KEY).toBe(true);
      }
    });
  });
});

describe('hostile: the GitHub Action', () => {
  resetBeforeEach(recorder, summaryFile);

  // Each mode once per operation; of the modes that hang only two, to keep the suite short (the others differ
  // from them only below the client, which the library and provider cases cover).
  const actionModes = MODES.filter(
    (m) => !m.hangs || m.name === 'never answers' || m.name === 'proxy never answers CONNECT',
  );

  describe.each(actionModes)('$name', (mode) => {
    it.each(OPERATIONS)('%s', async (operation) => {
      prepare(mode);
      const { baseUrl, env } = target(mode);
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      const inputs: Record<string, string> = {
        'base-url': baseUrl,
        username: USERNAME,
        'api-token': API_TOKEN,
        'timeout-ms': String(DEADLINE_MS),
        passphrase: PASSPHRASE,
      };
      if (operation === 'share') inputs.secret = SECRET;
      if (operation === 'generate') inputs.generate = 'true';
      if (operation === 'burn' || operation === 'status') {
        inputs.operation = operation;
        inputs['receipt-key'] = `${baseUrl}/receipt/${RECEIPT_KEY}`;
        if (operation === 'status') delete inputs.passphrase;
      }
      recorder.inputs = inputs;
      const { run } = await import('../../action/main.ts');
      const started = performance.now();
      await run();
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(boundMs(operation));

      const printed = recorder.calls
        .filter((c) => !['setSecret', 'setOutput', 'saveState'].includes(c.fn))
        .map((c) => c.args.map(String).join(' '))
        .join('\n');
      const outputs = recorder.calls
        .filter((c) => c.fn === 'setOutput')
        .map((c) => c.args.map(String).join('='));
      const summary = readFileSync(summaryFile, 'utf8');
      expectNoLeak(`${printed}\n${summary}`, [...NEVER_SHOWN, ...KEYS], 'log or summary');
      // Keys in the debug log's request paths are masked by the runner: each is registered before any request
      // (test/action/hygiene.test.ts checks that order).
      expectNoLeak(captured, NEVER_SHOWN, 'stdout/stderr');
      expectNoLeak(outputs.join('\n'), NEVER_SHOWN, 'outputs');
      // Every output and log line that holds a key was masked before.
      for (const [index, call] of recorder.calls.entries()) {
        if (call.fn !== 'setOutput' && call.fn !== 'saveState') continue;
        for (const key of KEYS) {
          if (!String(call.args[1]).includes(key)) continue;
          const maskedBefore = recorder.calls
            .slice(0, index)
            .some((c) => c.fn === 'setSecret' && c.args[0] === key);
          expect(maskedBefore, `${call.args[0]} before its key was masked`).toBe(true);
        }
      }
      // Server text never becomes a workflow command or markup.
      for (const call of recorder.calls.filter((c) => c.fn === 'info'))
        expect(String(call.args[0])).not.toMatch(/[\r\n]|::/);
      expect(summary).not.toMatch(/<img|<b>/);
      // Typed failures only: no crash text of a TypeError or RangeError.
      expect(printed).not.toMatch(
        /Cannot read properties|Invalid time value|is not a function|undefined \(reading/,
      );
      const { created, burned } = creations(server.requests, mode);
      if (created && (operation === 'share' || operation === 'generate')) {
        const surfaced = outputs.some((o) => o.startsWith(`receipt-key=${RECEIPT_KEY}`));
        expect(burned || surfaced).toBe(true);
      }
    });
  });
});

describe('hostile: the channels are really observed', () => {
  it('captures undici debug output and finds a planted leak in every spelling', async () => {
    server.script = (r) => ({ status: 422, body: { message: `refused: ${r.body}` } });
    captured = '';
    const client = new OtsClient({ baseUrl: server.url, timeoutMs: DEADLINE_MS });
    await client.status().catch(() => undefined);
    await client.close();
    expect(captured).toMatch(/UNDICI \d+: sending request to GET /);
    for (const spelling of [
      encodeURIComponent(SECRET),
      JSON.stringify(SECRET),
      Buffer.from(`ab${SECRET}`).toString('base64'),
      'second-line-pass/+=',
    ]) {
      expect(leaksIn(`x ${spelling} y`, NEVER_SHOWN)).not.toEqual([]);
    }
  });
});
