// `recipients`, `wait-for` and the burn-on-failure post step over many links: run() in process, with
// @actions/core replaced by a recorder, against the local OTS server (with an account: OTS emails the links).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useActionInProcess } from './support/in-process.ts';

const recorder = vi.hoisted(() => ({
  calls: [] as Array<{ fn: string; args: unknown[] }>,
  inputs: {} as Record<string, string>,
  state: {} as Record<string, string>,
}));

vi.mock('@actions/core', async () => (await import('./support/core-recorder.ts')).recordingCore(recorder));

const ACCOUNT = { username: 'sender@example.com', apiToken: 'recipientstoken0123456789abcdef01234567' };
const TEAM = ['ada@example.com', 'bob@example.com', 'cy@example.com'];
const action = useActionInProcess(recorder, ACCOUNT);
const { run } = action;

const calls = (fn: string) => recorder.calls.filter((call) => call.fn === fn);
const outputs = () => Object.fromEntries(calls('setOutput').map(({ args }) => [args[0], args[1] as string]));
const masked = () => calls('setSecret').map(({ args }) => args[0] as string);
/** The links the action created: it masks each one (they are never output), which is how a test can open them. */
const links = () => masked().filter((value) => /\/secret\/[a-z0-9]+$/.test(value));
type Receipts = Record<
  string,
  { 'receipt-key'?: string; state: string; 'expires-at'?: string; error?: string }
>;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error('condition never became true');
}

describe('recipients', () => {
  it('gives each recipient a link of their own and outputs masked receipt keys, never a link', async () => {
    await run({
      secret: 'team-credential',
      recipients: 'ada@example.com\nbob@example.com, cy@example.com\n',
    });
    expect(calls('setFailed')).toEqual([]);
    const receipts = JSON.parse(outputs().receipts as string) as Receipts;
    expect(Object.keys(receipts)).toEqual(TEAM);
    const keys = Object.values(receipts).map((r) => r['receipt-key'] as string);
    expect(new Set(keys).size).toBe(3);
    const receiptsAt = recorder.calls.findIndex((c) => c.fn === 'setOutput' && c.args[0] === 'receipts');
    for (const key of keys) {
      const maskedAt = recorder.calls.findIndex((c) => c.fn === 'setSecret' && c.args[0] === key);
      expect(maskedAt).toBeGreaterThanOrEqual(0);
      expect(maskedAt).toBeLessThan(receiptsAt);
    }
    for (const entry of Object.values(receipts)) {
      expect(entry.state).toBe('new');
      expect(entry['expires-at']).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(links()).toHaveLength(3);
    const said = recorder.calls.filter((c) => c.fn !== 'setSecret').flatMap((c) => c.args.map(String));
    for (const link of links()) {
      expect(said.some((text) => text.includes(link))).toBe(false);
      expect((await action.client.reveal(link)).value).toBe('team-credential');
    }
    expect(outputs()['secret-url']).toBeUndefined();
  });

  it("says that secret-file's leading byte-order mark and trailing line break go to every recipient", async () => {
    const path = join(tmpdir(), `ots-recipients-file-${process.pid}`);
    writeFileSync(path, '\uFEFFteam-file-credential\n');
    await run({ 'secret-file': path, recipients: TEAM.join(',') });
    expect(calls('setFailed')).toEqual([]);
    const notices = calls('notice').map(({ args }) => String(args[0]));
    expect(notices.join('\n')).toMatch(/starts with a UTF-8 byte-order mark/);
    expect(notices.join('\n')).toMatch(/ends with a line break/);
    expect((await action.client.reveal(links()[0] ?? '')).value).toBe('\uFEFFteam-file-credential\n');
  });

  it('refuses a bad list by entry, and recipient together with recipients, before any request', async () => {
    const before = action.server.requests.length;
    await run({ secret: 'x', recipients: 'ada@example.com, bob@example' });
    expect(calls('setFailed')[0]?.args[0]).toMatch(
      /^Input "recipients": entry 2: "bob@example" is not an email/,
    );
    recorder.calls.length = 0;
    vi.resetModules();
    await run({ secret: 'x', recipients: 'ada@example.com', recipient: 'bob@example.com' });
    expect(calls('setFailed')[0]?.args[0]).toMatch(/^Input "recipients": cannot be used with "recipient"/);
    recorder.calls.length = 0;
    vi.resetModules();
    await run({ secret: 'x', 'wait-timeout': '2h' });
    expect(calls('setFailed')[0]?.args[0]).toMatch(/^Input "wait-timeout": is used only with "wait-for/);
    expect(action.server.requests.length).toBe(before);
  });

  it('reports the recipients that got a link when one could not be created, and saves every key to burn', async () => {
    action.server.faults.add({
      path: '/api/v2/secret/conceal',
      type: 'status',
      status: 500,
      body: '{"message":"boom"}',
    });
    await run({ secret: 'partly', recipients: TEAM.join(','), 'burn-on-failure': 'true' });
    const failure = calls('setFailed')[0]?.args[0] as string;
    expect(failure).toMatch(/^1 of 3 links could not be created/);
    expect(failure).toMatch(/2 recipient\(s\) did get a working link/);
    const receipts = JSON.parse(outputs().receipts as string) as Receipts;
    expect(
      Object.values(receipts)
        .map((r) => r.state)
        .sort(),
    ).toEqual(['failed', 'new', 'new']);
    const saved = calls('saveState').find((c) => c.args[0] === 'burnReceiptKeys')?.args[1] as string;
    const keys = JSON.parse(saved) as string[];
    expect(keys).toHaveLength(2);

    // The post step (the job failed) burns every link the step created.
    recorder.calls.length = 0;
    recorder.state = { isPost: 'true', burnReceiptKeys: saved };
    vi.resetModules();
    await run({ secret: 'partly', recipients: TEAM.join(','), 'burn-on-failure': 'true' });
    expect(calls('setFailed')).toEqual([]);
    for (const key of keys) expect((await action.client.receipt(key)).state).toBe('burned');
  });
});

describe('wait-for: received', () => {
  it('keeps polling until the last link is opened, then reports everyone as opened', async () => {
    const running = run({
      secret: 'wait-for-me',
      recipients: TEAM.join('\n'),
      'wait-for': 'received',
      'wait-interval': '1s',
      'wait-timeout': '1h',
    });
    let finished = false;
    void running.then(() => {
      finished = true;
    });
    await until(() => links().length === 3);
    const [first, second, third] = links() as [string, string, string];
    await action.client.reveal(first);
    await action.client.reveal(second);
    const reads = () =>
      action.server.requests.filter((r) => r.method === 'GET' && r.path.includes('/receipt/')).length;
    const readsBefore = reads();
    await until(() => reads() >= readsBefore + 2);
    expect(finished).toBe(false);
    await action.client.reveal(third);
    await running;
    expect(calls('setFailed')).toEqual([]);
    expect(JSON.parse(outputs().opened as string)).toEqual(TEAM);
    expect(JSON.parse(outputs()['not-opened'] as string)).toEqual([]);
    const receipts = JSON.parse(outputs().receipts as string) as Receipts;
    expect(Object.values(receipts).map((r) => r.state)).toEqual(['received', 'received', 'received']);
  });

  it('on timeout names the recipients who did not open their link, and fails unless told not to', async () => {
    const running = run({
      secret: 'half-opened',
      recipients: TEAM.join('\n'),
      'wait-for': 'received',
      'wait-interval': '1s',
      'wait-timeout': '1s',
    });
    await until(() => links().length === 3);
    await action.client.reveal(links()[1] as string);
    await running;
    expect(JSON.parse(outputs().opened as string)).toEqual(['bob@example.com']);
    expect(JSON.parse(outputs()['not-opened'] as string)).toEqual(['ada@example.com', 'cy@example.com']);
    expect(calls('setFailed')[0]?.args[0]).toBe(
      '"wait-timeout" 1s passed with 2 of 3 links not opened: ada@example.com (new), cy@example.com (new).',
    );

    recorder.calls.length = 0;
    vi.resetModules();
    await run({
      secret: 'nobody-opens',
      recipient: 'ada@example.com',
      'wait-for': 'received',
      'wait-interval': '1s',
      'wait-timeout': '1s',
      'wait-fail-on-timeout': 'false',
    });
    expect(calls('setFailed')).toEqual([]);
    expect(calls('warning').map((c) => c.args[0])).toContain(
      '"wait-timeout" 1s passed with 1 of 1 links not opened: ada@example.com (new).',
    );
  });
});
