// run() in process, with @actions/core replaced by a recorder, against the local OTS server: pins down the
// ORDER of what the action tells the runner (a value must be masked before it is output, logged or saved).
import { describe, expect, it, vi } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { useActionInProcess } from './support/in-process.ts';

const recorder = vi.hoisted(() => ({
  calls: [] as Array<{ fn: string; args: unknown[] }>,
  inputs: {} as Record<string, string>,
  state: {} as Record<string, string>,
}));

vi.mock('@actions/core', async () => (await import('./support/core-recorder.ts')).recordingCore(recorder));

const action = useActionInProcess(recorder);
const { run } = action;

const calls = (fn: string) => recorder.calls.filter((call) => call.fn === fn);
const outputs = () => Object.fromEntries(calls('setOutput').map(({ args }) => [args[0], args[1]]));

/** Index of the first call that carries `value` anywhere in its arguments, other than setSecret. */
function firstUse(value: string): number {
  return recorder.calls.findIndex(
    (call) =>
      call.fn !== 'setSecret' && call.args.some((arg) => typeof arg === 'string' && arg.includes(value)),
  );
}

function maskedAt(value: string): number {
  return recorder.calls.findIndex((call) => call.fn === 'setSecret' && call.args[0] === value);
}

describe('run (main step)', () => {
  it('masks the secret, link, keys and passphrase before it outputs, logs or saves any of them', async () => {
    await run({ secret: 'ordered-secret-value', passphrase: 'ordered-pass', 'burn-on-failure': 'true' });

    expect(calls('setFailed')).toEqual([]);
    const out = outputs();
    const sensitive = [
      'ordered-secret-value',
      'ordered-pass',
      out['secret-url'],
      out['secret-key'],
      out['receipt-key'],
      out['receipt-url'],
    ] as string[];
    for (const value of sensitive) {
      expect(maskedAt(value), `${value.slice(0, 4)}… is masked`).toBeGreaterThanOrEqual(0);
      const use = firstUse(value);
      if (use >= 0) expect(maskedAt(value)).toBeLessThan(use);
    }
    expect(calls('saveState').map(({ args }) => args)).toContainEqual([
      'burnReceiptKeys',
      JSON.stringify([out['receipt-key']]),
    ]);
    expect(calls('debug')).toEqual([]);
  });

  it('masks a generated credential before it becomes the value output', async () => {
    await run({ generate: 'true' });

    const value = outputs().value as string;
    expect((await action.client.reveal(outputs()['secret-url'] as string)).value).toBe(value);
    expect(maskedAt(value)).toBeGreaterThanOrEqual(0);
    expect(maskedAt(value)).toBeLessThan(firstUse(value));
  });

  it('masks each line of a multi-line secret of at least 4 characters, and the whole value', async () => {
    await run({ secret: '-----BEGIN KEY-----\nab\nc2VjcmV0LWJvZHk=\n-----END KEY-----' });

    const masked = calls('setSecret').map(({ args }) => args[0]);
    expect(masked).toContain('-----BEGIN KEY-----\nab\nc2VjcmV0LWJvZHk=\n-----END KEY-----');
    expect(masked).toContain('c2VjcmV0LWJvZHk=');
    expect(masked).not.toContain('ab');
  });

  it('fails with one error naming the input, before any request and without saving a key to burn', async () => {
    await run({ secret: 'never-sent', ttl: 'later' });

    expect(calls('setFailed').map(({ args }) => args[0])).toEqual([expect.stringMatching(/^Input "ttl": /)]);
    expect(action.server.requests).toHaveLength(0);
    expect(calls('setOutput')).toEqual([]);
    expect(calls('saveState').map(({ args }) => args[0])).toEqual(['isPost']);
  });

  it.each([
    [
      'plain http to a remote host',
      'http://ots.example.com',
      /^Input "base-url": plain http:\/\/ to ots\.example\.com .*"allow-insecure-http": true/,
    ],
    ['a URL without a scheme', 'secrets.example.com', /^Input "base-url": not a URL/],
    ['another scheme', 'ftp://secrets.example.com', /^Input "base-url": ftp: is not supported/],
    [
      'credentials in the URL',
      'https://user:pw@secrets.example.com',
      /^Input "base-url": must not contain credentials/,
    ],
  ])('refuses %s in base-url before any request', async (_case, baseUrl, message) => {
    await run({ secret: 'never-sent', 'base-url': baseUrl });

    expect(calls('setFailed').map(({ args }) => args[0])).toEqual([expect.stringMatching(message)]);
    expect(action.server.requests).toHaveLength(0);
  });

  it('allows plain http to a remote host with allow-insecure-http: true', async () => {
    recorder.inputs = { secret: 'x', 'base-url': 'http://ots.example.com', 'allow-insecure-http': 'true' };
    const { readConnection } = await import('../../action/inputs.ts');
    const insecure = new OtsClient(readConnection((name) => recorder.inputs[name] ?? ''));
    expect(insecure.baseUrl).toBe('http://ots.example.com');
    await insecure.close();
  });

  it('turns a server refusal into an actionable message', async () => {
    await run({ secret: 'needs-a-longer-passphrase', passphrase: 'abc' });

    const [failure] = calls('setFailed').map(({ args }) => String(args[0]));
    expect(failure).toMatch(/HTTP 422\): the server refused the request: .*[Pp]assphrase/);
    expect(failure).not.toContain('needs-a-longer-passphrase');
  });
});

describe('run (operation burn)', () => {
  it('burns once; a second run, or a run after the recipient opened it, succeeds with a notice', async () => {
    const receipt = await action.client.share('burn-op-value');
    await run({ operation: 'burn', 'receipt-key': receipt.receiptKey });
    expect(calls('setFailed')).toEqual([]);
    expect(calls('notice')).toEqual([]);
    expect(calls('setOutput').map(({ args }) => args)).toContainEqual(['state', 'burned']);

    recorder.calls.length = 0;
    await run({ operation: 'burn', 'receipt-key': receipt.receiptKey });
    expect(calls('setFailed')).toEqual([]);
    expect(calls('notice').map(({ args }) => String(args[0]))).toEqual([
      'Nothing to burn: the secret was already burned, so its link no longer works (state: burned).',
    ]);
    expect(calls('setOutput').map(({ args }) => args)).toContainEqual(['state', 'burned']);

    const opened = await action.client.share('opened-before-burn');
    await action.client.reveal(opened.secretKey!);
    recorder.calls.length = 0;
    await run({ operation: 'burn', 'receipt-key': opened.receiptKey });
    expect(calls('setFailed')).toEqual([]);
    expect(String(calls('notice')[0]?.args[0])).toMatch(/already opened by the recipient, .*state: received/);
    // The receipt key is masked before anything uses it.
    expect(maskedAt(opened.receiptKey)).toBeGreaterThanOrEqual(0);
    const use = firstUse(opened.receiptKey);
    if (use >= 0) expect(maskedAt(opened.receiptKey)).toBeLessThan(use);
  });
});

describe('run (post step)', () => {
  it('burns the receipt key the main step saved', async () => {
    const receipt = await action.client.share('post-step-value');
    recorder.state = { isPost: 'true', burnReceiptKeys: JSON.stringify([receipt.receiptKey]) };
    await run({ secret: 'post-step-value', 'burn-on-failure': 'true' });

    expect(calls('setFailed')).toEqual([]);
    expect(maskedAt(receipt.receiptKey)).toBe(0);
    expect((await action.client.receipt(receipt.receiptKey)).state).toBe('burned');
  });

  it('does not re-validate share inputs, so a burn still happens after the main step failed late', async () => {
    const receipt = await action.client.share('post-step-late-failure');
    recorder.state = { isPost: 'true', burnReceiptKeys: JSON.stringify([receipt.receiptKey]) };
    await run({ secret: 'x', generate: 'true' });

    expect(calls('setFailed')).toEqual([]);
    expect((await action.client.receipt(receipt.receiptKey)).state).toBe('burned');
  });
});
