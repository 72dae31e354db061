import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/index.ts';
import { check, create, read, remove } from '../../../pulumi/provider/index.ts';
import type { SecretOutputs } from '../../../pulumi/provider/props.ts';
import { type OtsServer, startOtsServer } from '../../../server/index.ts';

// The provider implementation called directly, as the provider process does after check(), against the local
// OTS server in both wire eras. Credentials come the way a user's shell provides them: OTS_* variables.

const USERNAME = 'deployer@example.com';
const TOKEN = 'tok-correct-horse-battery';
const SECRET = 'db-admin-password-4f9x';

describe.each(['current', 'v0.23'] as const)('provider lifecycle against a %s server', (era) => {
  let server: OtsServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startOtsServer({ era, accounts: [{ username: USERNAME, apiToken: TOKEN }] });
    env = { OTS_BASE_URL: server.url, OTS_USERNAME: USERNAME, OTS_API_TOKEN: TOKEN };
  });
  afterAll(() => server.close());

  async function created(news: Record<string, unknown>, context = { env }) {
    const checked = await check({}, { providerVersion: '1', ...news });
    expect(checked.failures).toEqual([]);
    const result = await create(checked.inputs as Record<string, unknown>, context);
    return { id: result.id, outs: result.outs as SecretOutputs };
  }

  function client(): OtsClient {
    return new OtsClient({ baseUrl: server.url });
  }

  /** The receipt keys the account holds on the server now (read with the right credentials). */
  async function accountReceipts(): Promise<string[]> {
    const ots = new OtsClient({ baseUrl: server.url, username: USERNAME, apiToken: TOKEN });
    try {
      return (await ots.recent()).map((receipt) => receipt.receiptKey).sort();
    } finally {
      await ots.close();
    }
  }

  async function reveal(outs: SecretOutputs, passphrase?: string): Promise<string> {
    const ots = client();
    try {
      return (await ots.reveal(outs.secretUrl as string, passphrase === undefined ? {} : { passphrase }))
        .value;
    } finally {
      await ots.close();
    }
  }

  it('shares the secret: the link reveals it, and the outputs describe the receipt', async () => {
    const { id, outs } = await created({ secret: SECRET, ttl: '1h' });
    expect(outs.secretUrl).toMatch(new RegExp(`^${server.url}/secret/[0-9a-z]+$`));
    expect(outs.receiptUrl).toContain(outs.receiptKey);
    expect(outs).toMatchObject({
      state: 'new',
      ttl: 3600,
      requestedTtl: 3600,
      baseUrl: server.url,
      warnings: [],
    });
    expect(Date.parse(outs.expiresAt as string) - server.clock.now() * 1000).toBeGreaterThan(3590_000);
    expect(id).not.toContain(outs.receiptKey);
    expect(id).not.toContain(outs.secretKey);
    expect(await reveal(outs)).toBe(SECRET);
  });

  it('generates a password of the requested length and returns it as value', async () => {
    const { outs } = await created({ generate: true, length: 20 });
    expect(outs.value).toHaveLength(20);
    expect(outs.secret).toBeUndefined();
    expect(await reveal(outs)).toBe(outs.value);
  });

  it('refresh reports received once the recipient opened the link, and stores nothing else from the receipt', async () => {
    const { id, outs } = await created({ secret: SECRET });
    await reveal(outs);
    const refreshed = await read(id, { ...outs }, { env });
    expect(refreshed.id).toBe(id);
    expect(refreshed.props).toEqual({ ...outs, state: 'received', expiresAt: refreshed.props?.expiresAt });
    expect(refreshed.props?.value).toBeUndefined();
  });

  it('refresh of a fresh secret never copies a plaintext value an old server puts in the receipt', async () => {
    const { id, outs } = await created({ secret: SECRET });
    const refreshed = await read(id, { ...outs }, { env });
    expect(Object.keys(refreshed.props ?? {}).sort()).toEqual(Object.keys(outs).sort());
    expect(refreshed.props?.value).toBeUndefined();
  });

  it('destroy burns the secret: the link no longer reveals it and a refresh says burned', async () => {
    const { id, outs } = await created({ secret: SECRET });
    await remove(id, { ...outs }, { env });
    await expect(reveal(outs)).rejects.toMatchObject({ code: 'not_found' });
    expect((await read(id, { ...outs }, { env })).props?.state).toBe('burned');
  });

  it('destroy burns a passphrase-protected secret with the passphrase from state', async () => {
    const { id, outs } = await created({ secret: SECRET, passphrase: 'open-sesame-42' });
    await remove(id, { ...outs }, { env });
    await expect(reveal(outs, 'open-sesame-42')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('destroy succeeds when the recipient already read the secret', async () => {
    const { id, outs } = await created({ secret: SECRET });
    await reveal(outs);
    await expect(remove(id, { ...outs }, { env })).resolves.toBeUndefined();
  });

  it('destroy succeeds when the secret was already burned', async () => {
    const { id, outs } = await created({ secret: SECRET });
    const ots = client();
    await ots.burn(outs.receiptKey);
    await ots.close();
    await expect(remove(id, { ...outs }, { env })).resolves.toBeUndefined();
  });

  it.each(['v1', 'v2'] as const)(
    'destroy twice over API %s: both succeed, and the secret stays burned',
    async (api) => {
      const pinned = { ...env, OTS_API_VERSION: api };
      const { id, outs } = await created({ secret: SECRET }, { env: pinned });
      await remove(id, { ...outs }, { env: pinned });
      await expect(remove(id, { ...outs }, { env: pinned })).resolves.toBeUndefined();
      const ots = client();
      try {
        expect((await ots.receipt(outs.receiptKey)).state).toBe('burned');
      } finally {
        await ots.close();
      }
      await expect(reveal(outs)).rejects.toMatchObject({ code: 'not_found' });
    },
  );

  it('destroy succeeds when the secret expired, and when even its receipt is gone', async () => {
    const expiring = await created({ secret: SECRET, ttl: 120 });
    const forgotten = await created({ secret: SECRET, ttl: 60 });
    server.clock.advance(121);
    await expect(remove(expiring.id, { ...expiring.outs }, { env })).resolves.toBeUndefined();
    await expect(remove(forgotten.id, { ...forgotten.outs }, { env })).resolves.toBeUndefined();
  });

  it('destroy works with credentials rotated since up, and fails clearly with wrong ones', async () => {
    const { id, outs } = await created({ secret: SECRET });
    const wrong = { ...env, OTS_API_TOKEN: 'tok-revoked' };
    const failure = await remove(id, { ...outs }, { env: wrong }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/burning the one-time secret failed \(unauthorized\)/);
    expect((failure as Error).message).toMatch(/OTS_API_TOKEN/);
    expect(JSON.stringify(failure) + (failure as Error).message + (failure as Error).stack).not.toContain(
      'tok-revoked',
    );
    expect(await reveal(outs)).toBe(SECRET);
  });

  it('create with wrong credentials fails with a clear error and shares nothing', async () => {
    const control = await created({ secret: SECRET });
    const receiptsBefore = await accountReceipts();
    expect(receiptsBefore).toContain(control.outs.receiptKey); // the listing does see this account's creates
    const before = server.requests.length;
    const attempt = created({ secret: SECRET }, { env: { ...env, OTS_API_TOKEN: 'tok-wrong' } });
    await expect(attempt).rejects.toThrow(/sharing the one-time secret failed \(unauthorized\)/);
    // One create, refused for its credentials: not sent again (a retry could mint a second link), not sent
    // without credentials (that would share anonymously), and the account holds no new receipt.
    const creates = server.requests.slice(before).filter((request) => request.method === 'POST');
    expect(creates).toHaveLength(1);
    expect(creates[0]?.hasAuth).toBe(true);
    expect(await accountReceipts()).toEqual(receiptsBefore);
  });

  it('create is never retried when the server fails', async () => {
    server.faults.add({ method: 'POST', type: 'status', status: 503, body: '{"message":"down"}' });
    const before = server.requests.length;
    await expect(created({ secret: SECRET })).rejects.toThrow(/sharing the one-time secret failed/);
    expect(server.requests.slice(before).filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('a clamped TTL comes back as the granted ttl plus a warning', async () => {
    const { outs } = await created({ secret: SECRET, ttl: '30d' }, { env: { OTS_BASE_URL: server.url } });
    expect(outs.requestedTtl).toBe(30 * 86_400);
    expect(outs.ttl).toBeLessThan(30 * 86_400);
    expect(outs.warnings).toHaveLength(1);
    expect(outs.warnings[0]).toMatch(/asked for 30d \(2592000 s\), the server granted .* \(\d+ s\)/);
  });
});

describe('provider against an unreachable server', () => {
  it('destroy fails fast with a message that names the setting to check', async () => {
    const server = await startOtsServer();
    const env = { OTS_BASE_URL: server.url };
    const checked = await check({}, { secret: SECRET });
    const { id, outs } = await create(checked.inputs as Record<string, unknown>, { env });
    await server.close();
    await expect(remove(id, { ...outs }, { env })).rejects.toThrow(
      /burning the one-time secret failed \(network\).*OTS_BASE_URL/,
    );
  });
});

describe('refresh after the receipt itself is gone', () => {
  it('reports expired once the expiry has passed', async () => {
    const longAgo = Math.floor(Date.now() / 1000) - 30 * 86_400;
    const server = await startOtsServer({ startTime: longAgo });
    const env = { OTS_BASE_URL: server.url };
    const checked = await check({}, { secret: SECRET, ttl: 3600 });
    const { id, outs } = await create(checked.inputs as Record<string, unknown>, { env });
    server.clock.advance(3 * 3600);
    const refreshed = await read(id, { ...outs }, { env });
    expect(refreshed.id).toBe(id);
    expect(refreshed.props?.state).toBe('expired');
    await server.close();
  });
});

describe('destroy after the configuration moved to another server', () => {
  it('burns on the server the secret lives on, without sending that server the new credentials', async () => {
    const original = await startOtsServer();
    const other = await startOtsServer({ accounts: [{ username: USERNAME, apiToken: TOKEN }] });
    const checked = await check({}, { secret: SECRET });
    const { id, outs } = await create(checked.inputs as Record<string, unknown>, {
      env: { OTS_BASE_URL: original.url },
    });
    const moved = { OTS_BASE_URL: other.url, OTS_USERNAME: USERNAME, OTS_API_TOKEN: TOKEN };
    const before = original.requests.length;
    await remove(id, { ...outs }, { env: moved });
    const burns = original.requests.slice(before);
    expect(burns.length).toBeGreaterThan(0);
    expect(burns.every((request) => !request.hasAuth)).toBe(true);
    expect(other.requests).toHaveLength(0);
    const ots = new OtsClient({ baseUrl: original.url });
    await expect(ots.reveal(outs?.secretUrl as string)).rejects.toMatchObject({ code: 'not_found' });
    await ots.close();
    await Promise.all([original.close(), other.close()]);
  });
});

describe('check() refuses at preview what create() would refuse at up', () => {
  // Had check() passed these, `pulumi preview` would have planned a link that `pulumi up` then fails to create.
  const refused: Array<[string, Record<string, unknown>]> = [
    ['length', { generate: true, length: 2 }],
    ['recipient', { secret: SECRET, recipient: 'a@b' }],
    ['shareDomain', { secret: SECRET, shareDomain: 'https://x.com/' }],
    ['secret', { secret: 'x'.repeat(20_000) }],
  ];

  it.each(refused)(
    '%s: check fails on it, and create refuses it before sending anything',
    async (property, news) => {
      const server = await startOtsServer({ accounts: [{ username: USERNAME, apiToken: TOKEN }] });
      try {
        const env = { OTS_BASE_URL: server.url, OTS_USERNAME: USERNAME, OTS_API_TOKEN: TOKEN };
        expect((await check({}, news)).failures?.map((failure) => failure.property)).toEqual([property]);
        await expect(create(news, { env })).rejects.toMatchObject({ code: 'invalid_input' });
        expect(server.requests).toHaveLength(0);
      } finally {
        await server.close();
      }
    },
  );
});
