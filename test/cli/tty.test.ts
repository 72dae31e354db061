// Terminal versus pipe: a value is never shown on a terminal without --show, `wait` draws a progress line only
// on a terminal, and stderr names full keys only there (a pipe or CI log gets `abcd…`).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { assertCliBuilt, cleanEnv, runOts } from './support/ots.ts';
import { runOtsInTty, ttyUnavailable } from './support/tty.ts';

const unavailable = ttyUnavailable();
if (unavailable !== undefined) console.warn(`test/cli/tty.test.ts skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)('ots on a terminal', () => {
  let server: OtsServer;
  let client: OtsClient;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    assertCliBuilt();
    server = await startOtsServer();
    client = new OtsClient({ baseUrl: server.url });
    env = cleanEnv({ OTS_BASE_URL: server.url });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('get refuses to print the value on a terminal before any request; --show prints it', async () => {
    const shared = await client.share('on-screen-value-123');
    const before = server.requests.length;
    const refused = await runOtsInTty(['get', shared.secretUrl as string], env);
    expect(refused.code).toBe(2);
    expect(refused.screen).toContain('stdout is a terminal');
    expect(refused.screen).not.toContain('on-screen-value-123');
    expect(server.requests.length).toBe(before);
    expect((await client.receipt(shared.receiptKey)).state).toBe('new');

    const shown = await runOtsInTty(['get', shared.secretUrl as string, '--show'], env);
    expect(shown.code).toBe(0);
    expect(shown.screen).toContain('on-screen-value-123');
  });

  it('generate --json (it holds the password) is refused on a terminal before any request', async () => {
    const before = server.requests.length;
    const refused = await runOtsInTty(['generate', '--json'], env);
    expect(refused.code).toBe(2);
    expect(server.requests.length).toBe(before);
  });

  it('share names the full receipt key on a terminal, only its first characters in a pipe', async () => {
    const onTty = await runOtsInTty(['share', '--secret-arg', 'tty or pipe'], env);
    expect(onTty.code).toBe(0);
    const key = /receipt ([0-9a-z]{20,}): new/.exec(onTty.screen)?.[1];
    expect(key).toBeDefined();

    const piped = await runOts(['share', '--secret-arg', 'tty or pipe'], { env });
    expect(piped.stderr).toMatch(/receipt [0-9a-z]{4}…: new/);
    expect(piped.stderr).not.toMatch(/[0-9a-z]{20,}/);
  });

  it('wait draws a progress line on a terminal and clears it at the end', async () => {
    const shared = await client.share('wait on a terminal');
    const reads = () => server.requests.filter((r) => r.path.includes(shared.receiptKey)).length;
    const waiting = runOtsInTty(
      ['wait', shared.receiptKey, '--until', 'received', '--interval', '100ms'],
      env,
    );
    for (let i = 0; i < 200 && reads() < 2; i++) await sleep(25);
    await client.reveal(shared.secretUrl as string);
    const waited = await waiting;
    expect(waited.code).toBe(0);
    expect(waited.screen).toContain('waiting for received: new');
    expect(waited.screen.endsWith('\r\u001b[Kreceived\r\n')).toBe(true); // line cleared, then the state
  });
});
