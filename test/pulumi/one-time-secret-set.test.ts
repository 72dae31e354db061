// OneTimeSecretSet: one child OneTimeSecret per recipient, keyed by recipient. The component runs under the SDK's
// mock engine (what the program registers); the children it registers then go through the real provider against
// the local OTS server, the way the engine would handle a changed recipient list: unchanged children (same name,
// same inputs) are diffed and kept, a new name is created, a vanished name is deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/index.ts';
import { check, create, diff, remove } from '../../pulumi/provider/index.ts';
import type { SecretOutputs } from '../../pulumi/provider/props.ts';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { requireBuiltPulumiEntry } from './support/built-package.ts';
import { isWireSecret, type Registration, resolved, startMockEngine } from './support/mock-engine.ts';

const { OneTimeSecretSet } = requireBuiltPulumiEntry();
const USERNAME = 'deployer@example.com';
const TOKEN = 'tok-set-correct-horse-battery';

let registrations: Registration[];
let server: OtsServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startOtsServer({ accounts: [{ username: USERNAME, apiToken: TOKEN }] });
  env = { OTS_BASE_URL: server.url, OTS_USERNAME: USERNAME, OTS_API_TOKEN: TOKEN };
  registrations = await startMockEngine((inputs) => ({
    receiptKey: `rk-${String(inputs.recipient)}`,
    state: 'new',
    expiresAt: '2026-11-25T06:00:00.000Z',
  }));
});
afterAll(() => server.close());

/** What one run of the program registers: the children of a set over `recipients`. */
async function program(name: string, recipients: string[]): Promise<Map<string, Record<string, unknown>>> {
  const start = registrations.length;
  const set = new OneTimeSecretSet(name, { secret: 'team-onboarding-password', ttl: '1h', recipients });
  // Registration is asynchronous: the outputs resolve once every child is registered.
  await resolved(set.states);
  const children = new Map<string, Record<string, unknown>>();
  for (const r of registrations.slice(start)) {
    if (r.type !== 'pulumi-nodejs:dynamic/ots-handoff:OneTimeSecret') continue;
    // The engine hands the provider plain values; the program sent secrets wrapped.
    const inputs = Object.fromEntries(
      Object.entries(r.inputs).map(([k, v]) => [k, isWireSecret(v) ? v.value : v]),
    );
    children.set(r.name, inputs);
  }
  return children;
}

describe('OneTimeSecretSet', () => {
  it('registers one OneTimeSecret per recipient, named after them, with outputs per recipient', async () => {
    const set = new OneTimeSecretSet('outputs', {
      secret: 's',
      recipients: ['ada@example.com', 'bob@example.com'],
    });
    const states = await resolved(set.states);
    const names = registrations.filter((r) => r.name.startsWith('outputs-')).map((r) => r.name);
    expect(names).toEqual(['outputs-ada@example.com', 'outputs-bob@example.com']);
    expect(
      registrations.some((r) => r.type === 'ots-handoff:index:OneTimeSecretSet' && r.name === 'outputs'),
    ).toBe(true);
    expect(states).toEqual({ 'ada@example.com': 'new', 'bob@example.com': 'new' });
    expect(await resolved(set.receiptKeys)).toEqual({
      'ada@example.com': 'rk-ada@example.com',
      'bob@example.com': 'rk-bob@example.com',
    });
    expect(Object.keys(set.secrets)).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('refuses a bad recipient list before registering anything', () => {
    const before = registrations.length;
    expect(
      () => new OneTimeSecretSet('bad', { secret: 's', recipients: ['ada@example.com', 'nope'] }),
    ).toThrow(/^OneTimeSecretSet bad: recipients\[1\]: "nope" is not an email address/);
    expect(() => new OneTimeSecretSet('empty', { secret: 's', recipients: [] })).toThrow(/non-empty/);
    expect(registrations.length).toBe(before);
  });

  it('adding and removing a recipient creates and burns only their links; the others keep theirs', async () => {
    const context = { env };
    const state = new Map<string, SecretOutputs>();
    const apply = async (children: Map<string, Record<string, unknown>>) => {
      for (const [name, inputs] of children) {
        const checked = await check({}, inputs);
        expect(checked.failures).toEqual([]);
        const old = state.get(name);
        if (old !== undefined) {
          const news = checked.inputs as Record<string, unknown>;
          const change = await diff(name, old as unknown as Record<string, unknown>, news, context);
          if (!change.changes) continue;
          throw new Error(`${name} would be replaced`);
        }
        state.set(
          name,
          (await create(checked.inputs as Record<string, unknown>, context)).outs as SecretOutputs,
        );
      }
      for (const [name, outs] of [...state]) {
        if (children.has(name)) continue;
        await remove(name, outs as unknown as Record<string, unknown>, context);
        state.delete(name);
      }
    };

    await apply(await program('team', ['ada@example.com', 'bob@example.com', 'cy@example.com']));
    const before = new Map(state);
    await apply(await program('team', ['ada@example.com', 'cy@example.com', 'dee@example.com']));

    expect([...state.keys()]).toEqual([
      'team-ada@example.com',
      'team-cy@example.com',
      'team-dee@example.com',
    ]);
    const ots = new OtsClient({ baseUrl: server.url, username: USERNAME, apiToken: TOKEN });
    try {
      for (const kept of ['team-ada@example.com', 'team-cy@example.com']) {
        expect(state.get(kept)?.receiptKey).toBe(before.get(kept)?.receiptKey);
        expect((await ots.reveal(state.get(kept)?.secretUrl as string)).value).toBe(
          'team-onboarding-password',
        );
      }
      const removed = before.get('team-bob@example.com')?.receiptKey as string;
      expect((await ots.receipt(removed)).state).toBe('burned');
      const added = state.get('team-dee@example.com');
      expect([...before.values()].map((o) => o.receiptKey)).not.toContain(added?.receiptKey);
      expect((await ots.receipt(added?.receiptKey as string)).state).toBe('new');
    } finally {
      await ots.close();
    }
  });
});
