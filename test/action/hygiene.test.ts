// Server text is data: a hostile receipt state or share domain reaches no workflow command, summary or comment
// unescaped. run() in process against a scripted server; @actions/core's logging is recorded, its summary is real.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useScriptedServer } from '../core/support/scripted-server.ts';
import { RECEIPT_KEY, v2Created, v2Receipt } from '../hostile/support/scripted-server.ts';
import { resetBeforeEach } from './support/core-recorder.ts';

const recorder = vi.hoisted(() => ({
  calls: [] as Array<{ fn: string; args: unknown[] }>,
  inputs: {} as Record<string, string>,
}));

vi.mock('@actions/core', async (importOriginal) =>
  (await import('./support/core-recorder.ts')).recordingCore(recorder, await importOriginal()),
);

const INJECTED =
  'viewed\n::error title=Injected::owned\n::stop-commands::x <img src=x onerror=alert(1)> | **bold**';

const scripted = useScriptedServer(() => ({ status: 404, body: { error: 'Not Found' } }));
const summaryFile = join(mkdtempSync(join(tmpdir(), 'ots-summary-')), 'summary');
resetBeforeEach(recorder, summaryFile);

async function run(inputs: Record<string, string>): Promise<void> {
  recorder.inputs = { 'base-url': scripted.server.url, 'api-version': 'v2', ...inputs };
  const { run } = await import('../../action/main.ts');
  await run();
}

/** Every line the runner would read as a workflow command, from what the action printed. */
function printedText(): string {
  return recorder.calls
    .filter((c) => ['info', 'notice', 'warning', 'error', 'setFailed', 'debug'].includes(c.fn))
    .map((c) => String(c.args[0]))
    .join('\n');
}

describe('server text in the action', () => {
  it('a hostile receipt state becomes "unknown" with an escaped warning, in log, outputs and summary', async () => {
    scripted.server.script = () => ({ body: { success: true, record: v2Receipt({ state: INJECTED }) } });
    await run({ operation: 'status', 'receipt-key': RECEIPT_KEY });
    expect(recorder.calls.filter((c) => c.fn === 'setFailed')).toEqual([]);
    const text = printedText();
    // core.info writes its argument raw: no line of it may start a command.
    for (const call of recorder.calls.filter((c) => c.fn === 'info')) {
      expect(String(call.args[0])).not.toMatch(/\n|\r|::/);
    }
    expect(text).not.toContain('\n::');
    expect(recorder.calls).toContainEqual({ fn: 'setOutput', args: ['state', 'unknown'] });
    const warning = recorder.calls.find((c) => c.fn === 'warning');
    expect(String(warning?.args[0])).toMatch(/does not know/);
    expect(String(warning?.args[0])).not.toMatch(/\n|::/);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).not.toContain('<img');
    expect(summary).not.toContain('**bold**');
    expect(summary).toContain('unknown');
  });

  it('a state of "constructor" is a string like any other, not an inherited member', async () => {
    scripted.server.script = () => ({ body: { success: true, record: v2Receipt({ state: 'constructor' }) } });
    await run({ operation: 'status', 'receipt-key': RECEIPT_KEY });
    expect(recorder.calls.filter((c) => c.fn === 'setFailed')).toEqual([]);
    expect(recorder.calls).toContainEqual({ fn: 'setOutput', args: ['state', 'unknown'] });
  });

  it('escapes the summary of a share whatever the server said', async () => {
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created({ state: '<script>x</script>' }) }
        : { status: 500 };
    await run({ secret: 'hygiene-secret-value' });
    expect(recorder.calls.filter((c) => c.fn === 'setFailed')).toEqual([]);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary).not.toContain('<script>');
  });
});

describe('a created secret whose answer cannot be used', () => {
  it('is burned, and the step fails with a typed message', async () => {
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created({ created: 1e20 }) }
        : request.path.endsWith('/burn')
          ? { body: { success: true, record: v2Receipt({ state: 'burned' }) } }
          : { status: 500 };
    scripted.server.requests.length = 0;
    await run({ secret: 'orphan-secret-value' });
    expect(scripted.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/secret/conceal',
      `POST /api/v2/receipt/${RECEIPT_KEY}/burn`,
    ]);
    const failed = recorder.calls.filter((c) => c.fn === 'setFailed');
    expect(failed).toHaveLength(1);
    expect(String(failed[0]?.args[0])).toMatch(/cannot be used/);
    expect(String(failed[0]?.args[0])).not.toContain(RECEIPT_KEY);
  });

  it('when the burn fails too, surfaces the receipt key as an output, masked first', async () => {
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal') ? { body: v2Created({ created: 1e20 }) } : { status: 500 };
    await run({ secret: 'orphan-secret-value' });
    const maskAt = recorder.calls.findIndex((c) => c.fn === 'setSecret' && c.args[0] === RECEIPT_KEY);
    const outputAt = recorder.calls.findIndex(
      (c) => c.fn === 'setOutput' && c.args[0] === 'receipt-key' && c.args[1] === RECEIPT_KEY,
    );
    expect(maskAt).toBeGreaterThanOrEqual(0);
    expect(outputAt).toBeGreaterThan(maskAt);
    expect(recorder.calls.filter((c) => c.fn === 'setFailed')).toHaveLength(1);
  });
});

describe('masking before any client exists', () => {
  it('masks the bare key of a receipt-key URL before the first request', async () => {
    let maskedBeforeRequest: boolean | undefined;
    scripted.server.script = () => {
      maskedBeforeRequest ??= recorder.calls.some((c) => c.fn === 'setSecret' && c.args[0] === RECEIPT_KEY);
      return { body: { success: true, record: v2Receipt() } };
    };
    await run({ operation: 'status', 'receipt-key': `https://ots.example.com/receipt/${RECEIPT_KEY}` });
    expect(maskedBeforeRequest).toBe(true);
  });
});

describe('masking before a hostile state is quoted', () => {
  it('with recipients, masks every link and key before warning about any receipt state', async () => {
    // Each recipient's create answers with keys of its own; ada's receipt "state" quotes bob's secret key. The
    // warning about that unknown state must come after bob's receipt is masked, or bob's link is in the log.
    const keys = (letter: string) => `${letter.repeat(30)}0123456789abcdefghijklmnopqrstuv`;
    const BOB_SECRET = keys('q');
    scripted.server.script = (request) => {
      if (!request.path.endsWith('/conceal')) return { status: 500 };
      const bob = request.body.includes('bob@example.com');
      const receipt = bob
        ? { identifier: keys('m'), secret_identifier: BOB_SECRET }
        : { identifier: keys('k'), secret_identifier: keys('p'), state: BOB_SECRET };
      const created = v2Created(receipt) as { record: { secret: { identifier: string } } };
      created.record.secret.identifier = receipt.secret_identifier;
      return { body: created };
    };
    await run({
      secret: 'recipients-hygiene-value',
      recipients: 'ada@example.com, bob@example.com',
      username: 'sender@example.com',
      'api-token': 'hygienetoken0123456789abcdef0123456789',
    });
    expect(recorder.calls.filter((c) => c.fn === 'setFailed')).toEqual([]);
    const warnedAt = recorder.calls.findIndex(
      (c) => c.fn === 'warning' && String(c.args[0]).includes(BOB_SECRET),
    );
    expect(warnedAt).toBeGreaterThanOrEqual(0);
    const maskedAt = recorder.calls.findIndex((c) => c.fn === 'setSecret' && c.args[0] === BOB_SECRET);
    expect(maskedAt).toBeGreaterThanOrEqual(0);
    expect(maskedAt).toBeLessThan(warnedAt);
  });
});

describe('wait-for: received', () => {
  it('reports a hostile state read while waiting as "unknown", with an escaped warning', async () => {
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created() }
        : { body: { success: true, record: v2Receipt({ state: INJECTED }) } };
    await run({
      secret: 'wait-hygiene-value',
      'wait-for': 'received',
      'wait-timeout': '1s',
      'wait-interval': '1s',
    });
    expect(recorder.calls).toContainEqual({ fn: 'setOutput', args: ['not-opened', '["the link"]'] });
    const warning = recorder.calls.find((c) => c.fn === 'warning' && /does not know/.test(String(c.args[0])));
    expect(String(warning?.args[0])).not.toMatch(/\n|::/);
    const failed = recorder.calls.filter((c) => c.fn === 'setFailed').map((c) => String(c.args[0]));
    expect(failed).toEqual([expect.stringMatching(/not opened: the link \(unknown\)\.$/)]);
    expect(printedText()).not.toContain('\n::');
  });
});
