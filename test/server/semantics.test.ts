import { afterEach, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { basic, call, TESTER, TESTER_AUTH } from './helpers.ts';

const DAY = 86_400;
let server: OtsServer;
afterEach(() => server?.close());

const IDENTITY = { username: 'id@example.com', apiToken: 'id-token', plan: 'identity' as const };
const PAID = { username: 'paid@example.com', apiToken: 'paid-token', plan: 'paid' as const };
const CUSTOM = { username: 'custom@example.com', apiToken: 'custom-token', ttlMax: 3600 };

describe('TTL limits by plan', () => {
  it('with billing on: caps anonymous at 7 days, basic at 14, identity and paid at 30, or the account ttlMax', async () => {
    server = await startOtsServer({ accounts: [TESTER, IDENTITY, PAID, CUSTOM], billing: true });
    const ttlFor = async (auth?: string) =>
      (
        await call(server, 'POST', '/api/v1/share', {
          form: { secret: 'x', ttl: '99999999' },
          ...(auth ? { auth } : {}),
        })
      ).json.ttl;
    expect(await ttlFor()).toBe(7 * DAY);
    expect(await ttlFor(TESTER_AUTH)).toBe(14 * DAY);
    expect(await ttlFor(basic(IDENTITY.username, IDENTITY.apiToken))).toBe(30 * DAY);
    expect(await ttlFor(basic(PAID.username, PAID.apiToken))).toBe(30 * DAY);
    expect(await ttlFor(basic(CUSTOM.username, CUSTOM.apiToken))).toBe(3600);
  });

  it('without billing (the default, as recorded): any account gets 30 days on v1 and 365 on v2', async () => {
    server = await startOtsServer({ accounts: [TESTER, CUSTOM] });
    for (const auth of [TESTER_AUTH, basic(CUSTOM.username, CUSTOM.apiToken)]) {
      const v1 = await call(server, 'POST', '/api/v1/share', {
        form: { secret: 'x', ttl: '99999999' },
        auth,
      });
      expect(v1.json.ttl).toBe(30 * DAY);
      const v2 = await call(server, 'POST', '/api/v2/secret/conceal', {
        json: { secret: { secret: 'x', ttl: 99_999_999 } },
        auth,
      });
      expect(v2.json.record.receipt.secret_ttl).toBe(365 * DAY);
    }
    const anonymous = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'x', ttl: 99_999_999 } },
    });
    expect(anonymous.json.record.receipt.secret_ttl).toBe(7 * DAY);
  });

  it('defaults a missing ttl to 7 days on v2 as on v1; the receipt reports the same lifespan', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'x' } },
    });
    expect(created.json.record.receipt.secret_ttl).toBe(7 * DAY);
    expect(created.json.record.receipt.receipt_ttl).toBe(7 * DAY);
  });
});

describe('generate', () => {
  it('follows character_sets (JSON false switches a class off; a form "false" is a true string, as in Ruby)', async () => {
    server = await startOtsServer();
    const json = await call(server, 'POST', '/api/v1/generate', {
      json: { length: 40, character_sets: { uppercase: false, symbols: false } },
    });
    expect(json.json.value).toMatch(/^[a-km-np-z2-9]{40}$/);
    const form = await call(server, 'POST', '/api/v1/generate', {
      body: 'length=60&character_sets[symbols]=false',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.json.value).toHaveLength(60);
  });

  it('refuses more than 128 characters in the current era, and fails on a length that is not positive', async () => {
    server = await startOtsServer();
    const long = await call(server, 'POST', '/api/v1/generate', { form: { length: '129' } });
    expect(long.json.message).toBe('Generated password length must be no more than 128 characters');
    const v2 = await call(server, 'POST', '/api/v2/secret/generate', { json: { secret: { length: 500 } } });
    expect([v2.status, v2.json.field]).toEqual([422, 'length']);
    for (const length of ['0', '', 'abc', '-3']) {
      const answer = await call(server, 'POST', '/api/v1/generate', { form: { length } });
      expect(answer.json.message).toBe('An unexpected error occurred :[');
    }
    expect(
      (await call(server, 'POST', '/api/v1/generate', { form: { length: '128' } })).json.value,
    ).toHaveLength(128);
  });

  it('has no length maximum of note on v0.23', async () => {
    server = await startOtsServer({ era: 'v0.23' });
    const long = await call(server, 'POST', '/api/v1/generate', { form: { length: '500' } });
    expect(long.json.value).toHaveLength(500);
  });
});

describe('recipients and share domains', () => {
  it('requires an account to e-mail a recipient and refuses undeliverable addresses', async () => {
    server = await startOtsServer({ accounts: [TESTER] });
    const anon = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'x', recipient: 'a@example.com' } },
    });
    // main raises Onetime::Unauthorized here (v2 #72): a 401 that names the request.
    expect(anon.status).toBe(401);
    expect(anon.json).toMatchObject({
      error: 'An account is required to send emails.',
      error_type: 'Unauthorized',
    });
    expect(anon.json.request_id).toBe(anon.headers.get('x-request-id'));
    const bad = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'x', recipient: 'not-an-address' },
      auth: TESTER_AUTH,
    });
    expect(bad.json.message).toBe('Undeliverable email address: not-an-address');
  });

  it('drops entries without an address on v0.23 and main\u2019s v2, and ignores share domains that are not domain names', async () => {
    server = await startOtsServer({ era: 'v0.23', accounts: [TESTER] });
    const v1 = await call(server, 'POST', '/api/v1/share', {
      body: 'secret=x&recipient[]=not-an-address&recipient[]=Name <b@example.com>&share_domain=not a domain',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      auth: TESTER_AUTH,
    });
    expect(v1.status).toBe(200);
    expect([v1.json.recipient, v1.json.share_domain]).toEqual([['b*****@e*****.com'], '']);
    const current = await startOtsServer({ accounts: [TESTER] });
    try {
      const v2 = await call(current, 'POST', '/api/v2/secret/conceal', {
        json: { secret: { secret: 'x', recipient: ['nope', 'c@example.com'] } },
        auth: TESTER_AUTH,
      });
      expect(v2.json.details.recipient).toEqual(['c@example.com']);
    } finally {
      await current.close();
    }
  });

  it('accepts only registered share domains and builds links on them', async () => {
    server = await startOtsServer({ accounts: [TESTER], domains: ['Secrets.Example.NET'] });
    const unknown = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'x', share_domain: 'example.org' },
      auth: TESTER_AUTH,
    });
    expect(unknown.json.message).toBe('Unknown domain: example.org');
    const created = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'x', share_domain: 'secrets.example.net' },
      auth: TESTER_AUTH,
    });
    expect(created.json.share_domain).toBe('secrets.example.net');
    expect(created.json.metadata_url).toBe(
      `https://secrets.example.net/receipt/${created.json.metadata_key}`,
    );
    const v2 = await call(server, 'GET', `/api/v2/receipt/${created.json.metadata_key}`);
    expect(v2.json.record.share_url).toBe(`https://secrets.example.net/secret/${created.json.secret_key}`);
    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`);
    expect(revealed.json.share_domain).toBe('https://secrets.example.net');
  });

  it('current era: refuses share domains to anonymous callers, even registered ones', async () => {
    server = await startOtsServer({ domains: ['secrets.example.net'] });
    const anon = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'x', share_domain: 'secrets.example.net' },
    });
    expect(anon.json.message).toBe('You do not have permission to use domain: secrets.example.net');
  });

  it('validates in each era\u2019s order: main finds a bad passphrase before a missing secret, v0.23 the reverse', async () => {
    server = await startOtsServer();
    const current = await call(server, 'POST', '/api/v1/share', { form: { passphrase: 'abc' } });
    expect(current.json.message).toBe('Passphrase must be at least 4 characters long');
    const old = await startOtsServer({ era: 'v0.23' });
    try {
      const answer = await call(old, 'POST', '/api/v1/share', { form: { passphrase: 'abc' } });
      expect(answer.json.message).toBe('You did not provide anything to share');
    } finally {
      await old.close();
    }
  });
});

describe('accounts', () => {
  it('current v1: receipt answers name the caller as custid, and reads link to /receipt/ without the key', async () => {
    server = await startOtsServer({ accounts: [TESTER] });
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x' }, auth: TESTER_AUTH });
    expect(created.json.metadata_url).toBe(`${server.url}/receipt/${created.json.metadata_key}`);
    const read = await call(server, 'GET', `/api/v1/receipt/${created.json.metadata_key}`);
    expect([read.json.custid, read.json.metadata_url]).toEqual(['anon', `${server.url}/receipt/`]);
    const burned = await call(server, 'POST', `/api/v1/receipt/${created.json.metadata_key}/burn`);
    expect(burned.json.state.custid).toBe('anon');
  });

  it('matches the username case-sensitively and never downgrades bad credentials to anonymous', async () => {
    server = await startOtsServer({ accounts: [TESTER] });
    const upper = basic('TESTER@example.com', TESTER.apiToken);
    expect((await call(server, 'GET', '/api/v1/authcheck', { auth: upper })).json).toEqual({
      message: 'Not authorized',
    });
    const share = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x' }, auth: upper });
    expect(share.status).toBe(404);
    expect(share.headers.get('x-ots-intended-status')).toBe('401');
    const v2 = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'x' } },
      auth: upper,
    });
    expect(v2.status).toBe(401);
    expect(v2.json).toMatchObject({
      error: 'Authentication Required',
      message: '[CREDENTIALS_INVALID] Invalid credentials',
    });
    const guest = await call(server, 'POST', '/api/v2/guest/secret/conceal', {
      json: { secret: { secret: 'x' } },
      auth: upper,
    });
    expect(guest.status).toBe(200);
  });

  it('lists only the caller\u2019s receipts of the last 30 days', async () => {
    server = await startOtsServer({ accounts: [TESTER, IDENTITY] });
    const idAuth = basic(IDENTITY.username, IDENTITY.apiToken);
    const old = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'old', ttl: String(30 * DAY) },
      auth: idAuth,
    });
    server.clock.advance(31 * DAY);
    const fresh = await call(server, 'POST', '/api/v1/share', { form: { secret: 'new' }, auth: idAuth });
    await call(server, 'POST', '/api/v1/share', { form: { secret: 'other' }, auth: TESTER_AUTH });
    expect((await call(server, 'GET', `/api/v1/receipt/${old.json.metadata_key}`)).status).toBe(200);
    const recent = await call(server, 'GET', '/api/v1/receipt/recent', { auth: idAuth });
    expect(recent.json.map((r: { metadata_key: string }) => r.metadata_key)).toEqual([
      fresh.json.metadata_key,
    ]);
  });
});

describe('receipts', () => {
  it('current era: a generated value shows once, within 60 s; concealed values never', async () => {
    server = await startOtsServer();
    const first = await call(server, 'POST', '/api/v1/generate');
    const a = await call(server, 'GET', `/api/v1/receipt/${first.json.metadata_key}`);
    expect(a.json.value).toBe(first.json.value);
    expect(a.json.secret_value).toBe(first.json.value);
    expect(a.json.state).toBe('new');
    expect((await call(server, 'GET', `/api/v1/receipt/${first.json.metadata_key}`)).json).not.toHaveProperty(
      'value',
    );

    const late = await call(server, 'POST', '/api/v1/generate');
    server.clock.advance(60);
    expect((await call(server, 'GET', `/api/v1/receipt/${late.json.metadata_key}`)).json).not.toHaveProperty(
      'value',
    );

    const locked = await call(server, 'POST', '/api/v1/generate', { form: { passphrase: 'correcthorse' } });
    expect(
      (await call(server, 'GET', `/api/v1/receipt/${locked.json.metadata_key}`)).json,
    ).not.toHaveProperty('value');

    const concealed = await call(server, 'POST', '/api/v1/share', { form: { secret: 'typed' } });
    expect(
      (await call(server, 'GET', `/api/v1/receipt/${concealed.json.metadata_key}`)).json,
    ).not.toHaveProperty('value');
  });

  it('v0.23: the first look shows a passphrase-less secret and marks it viewed; a wrong v1 reveal marks the secret viewed', async () => {
    server = await startOtsServer({ era: 'v0.23' });
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'peek' } });
    const first = await call(server, 'GET', `/api/v1/private/${created.json.metadata_key}`);
    expect([first.json.state, first.json.value]).toEqual(['viewed', 'peek']);
    const second = await call(server, 'GET', `/api/v1/private/${created.json.metadata_key}`);
    expect(second.json).not.toHaveProperty('value');

    const pp = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'p', passphrase: 'correcthorse' } },
    });
    const secretKey = pp.json.record.secret.identifier;
    const status = async () =>
      (await call(server, 'GET', `/api/v2/secret/${secretKey}/status`)).json.record.state;
    const v2Wrong = await call(server, 'POST', `/api/v2/secret/${secretKey}/reveal`, {
      json: { passphrase: 'nope', continue: true },
    });
    expect(v2Wrong.status).toBe(422);
    expect(await status()).toBe('new');
    const v1Wrong = await call(server, 'POST', `/api/v1/secret/${secretKey}`, {
      form: { passphrase: 'nope' },
    });
    expect(v1Wrong.json.message).toBe('Unknown secret');
    expect(await status()).toBe('viewed');
  });

  it('v2 burn: needs continue; a burn that finds nothing is a bare 200 success:true on main, a 500 on v0.23', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'keep' } },
    });
    const key = created.json.record.receipt.identifier;
    const unconfirmed = await call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: {} });
    expect([unconfirmed.status, unconfirmed.json.success]).toEqual([200, false]);
    expect(
      (await call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: { continue: true } })).json.success,
    ).toBe(true);
    const again = await call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: { continue: true } });
    expect([again.status, again.json]).toEqual([200, { success: true }]);

    const old = await startOtsServer({ era: 'v0.23' });
    try {
      const made = await call(old, 'POST', '/api/v2/secret/conceal', { json: { secret: { secret: 'x' } } });
      const url = `/api/v2/receipt/${made.json.record.metadata.identifier}/burn`;
      expect((await call(old, 'POST', url, { json: { continue: true } })).json.success).toBe(true);
      const again = await call(old, 'POST', url, { json: { continue: true } });
      expect(again.status).toBe(500);
      expect(again.json).toMatchObject({ message: 'Secret could not be burned.', success: false });
    } finally {
      await old.close();
    }
  });

  it('keeps the receipt for twice the TTL, then forgets it', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x', ttl: '100' } });
    server.clock.advance(150);
    const expired = await call(server, 'GET', `/api/v1/receipt/${created.json.metadata_key}`);
    expect(expired.json).toMatchObject({
      state: 'expired',
      secret_key: '',
      secret_ttl: null,
      metadata_ttl: 50,
    });
    server.clock.advance(50);
    expect((await call(server, 'GET', `/api/v1/receipt/${created.json.metadata_key}`)).json.message).toBe(
      'Unknown secret',
    );
  });

  it('current era: keys shorter than 20 characters are refused before any lookup', async () => {
    server = await startOtsServer();
    const answer = await call(server, 'POST', '/api/v1/secret/short');
    expect([answer.status, answer.json]).toEqual([404, { message: 'Not Found' }]);
  });
});

describe('passphrase guessing', () => {
  it('v0.23: the 6th failure from one client in 20 minutes is rate limited; the window then resets', async () => {
    server = await startOtsServer({ era: 'v0.23' });
    server.clock.advance(1200 - (server.clock.now() % 1200));
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'rl', passphrase: 'correcthorse' } },
    });
    const url = `/api/v2/secret/${created.json.record.secret.identifier}/reveal`;
    for (let i = 0; i < 5; i++)
      expect((await call(server, 'POST', url, { json: { passphrase: 'x', continue: true } })).status).toBe(
        422,
      );
    const limited = await call(server, 'POST', url, { json: { passphrase: 'x', continue: true } });
    expect([limited.status, limited.json]).toEqual([
      429,
      { message: 'Cripes! You have been rate limited.', success: false },
    ]);
    server.clock.advance(1200);
    expect((await call(server, 'POST', url, { json: { passphrase: 'x', continue: true } })).status).toBe(422);
    expect(
      (await call(server, 'POST', url, { json: { passphrase: 'correcthorse', continue: true } })).json.record
        .secret_value,
    ).toBe('rl');
  });

  it('current era, v1: 20 tried passphrases lock the secret for 30 minutes, even against the right one', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'locked', passphrase: 'correcthorse' },
    });
    const reveal = (passphrase?: string) =>
      call(
        server,
        'POST',
        `/api/v1/secret/${created.json.secret_key}`,
        passphrase === undefined ? {} : { form: { passphrase } },
      );
    // A missing passphrase is not a guess and is not counted.
    for (let i = 0; i < 5; i++) expect((await reveal()).json.message).toBe('Unknown secret');
    for (let i = 0; i < 20; i++) expect((await reveal('x')).json.message).toBe('Unknown secret');
    const locked = await reveal('correcthorse');
    expect(locked.json).toEqual({ message: 'An unexpected error occurred :[' });
    expect(locked.headers.get('x-ots-intended-status')).toBe('400');
    server.clock.advance(1800);
    expect((await reveal('correcthorse')).json.value).toBe('locked');
  });

  it('current era, v2: 5 tried passphrases from one client lock it for that client, with 429 and Retry-After', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'v2', passphrase: 'correcthorse' } },
    });
    const url = `/api/v2/secret/${created.json.record.secret.identifier}/reveal`;
    const attempt = (passphrase: string) =>
      call(server, 'POST', url, { json: { passphrase, continue: true } });
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt('x');
      expect([wrong.status, wrong.json]).toEqual([
        422,
        { error: 'Incorrect passphrase', request_id: wrong.headers.get('x-request-id') },
      ]);
    }
    const locked = await attempt('correcthorse');
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ error_type: 'LimitExceeded', retry_after: 1800 });
    expect(locked.headers.get('retry-after')).toBe('1800');
    server.clock.advance(1000);
    expect((await attempt('correcthorse')).headers.get('retry-after')).toBe('800');
    server.clock.advance(800);
    expect((await attempt('correcthorse')).json.record.secret_value).toBe('v2');
  });

  it('current era: wrong passphrases on burn count towards the same lock', async () => {
    server = await startOtsServer();
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'b', passphrase: 'correcthorse' } },
    });
    const receiptKey = created.json.record.receipt.identifier;
    for (let i = 0; i < 4; i++) {
      expect(
        (
          await call(server, 'POST', `/api/v2/receipt/${receiptKey}/burn`, {
            json: { passphrase: 'x', continue: true },
          })
        ).status,
      ).toBe(422);
    }
    const limitedBurn = await call(server, 'POST', `/api/v2/receipt/${receiptKey}/burn`, {
      json: { passphrase: 'x', continue: true },
    });
    expect(limitedBurn.status).toBe(422);
    const blocked = await call(server, 'POST', `/api/v2/receipt/${receiptKey}/burn`, {
      json: { passphrase: 'correcthorse', continue: true },
    });
    expect(blocked.status).toBe(429);
  });
});

describe('size limits', () => {
  it('current era: refuses more than 10,000 bytes (not characters)', async () => {
    server = await startOtsServer();
    const ok = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x'.repeat(10_000) } });
    expect(ok.status).toBe(200);
    const euros = await call(server, 'POST', '/api/v1/share', { form: { secret: '€'.repeat(3334) } });
    expect(euros.json.message).toBe('Secret value exceeds the maximum size of 10000 bytes');
    const v2 = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: '€'.repeat(3334) } },
    });
    expect([v2.status, v2.json.field]).toEqual([422, 'secret']);
  });

  it('v0.23: silently truncates to the plan size, counted in characters', async () => {
    server = await startOtsServer({ era: 'v0.23', accounts: [TESTER] });
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'é'.repeat(100_001) } });
    const revealed = await call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`);
    expect(Array.from(revealed.json.value as string)).toHaveLength(100_000);
    const basicPlan = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'b'.repeat(1_000_010) },
      auth: TESTER_AUTH,
    });
    const basicValue = await call(server, 'POST', `/api/v1/secret/${basicPlan.json.secret_key}`);
    expect(basicValue.json.value).toHaveLength(1_000_000);
  });
});

describe('base path', () => {
  it('serves the API under the prefix only, and links include it', async () => {
    server = await startOtsServer({ basePath: 'ots/' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ots$/);
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'x' } });
    expect(created.json.metadata_url).toBe(`${server.url}/receipt/${created.json.metadata_key}`);
    const outside = await fetch(`${server.url.replace(/\/ots$/, '')}/api/v1/status`);
    expect(outside.status).toBe(404);
  });
});

describe('CORS', () => {
  it('has none on v1 and main; v0.23.6 answered preflights for the v2 create routes only', async () => {
    server = await startOtsServer({ era: 'v0.23' });
    const preflight = await call(server, 'OPTIONS', '/api/v2/secret/conceal');
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const v1 = await call(server, 'OPTIONS', '/api/v1/share');
    expect([v1.status, v1.headers.get('access-control-allow-origin')]).toEqual([404, null]);
    const current = await startOtsServer();
    try {
      expect((await call(current, 'OPTIONS', '/api/v2/secret/conceal')).status).toBe(404);
    } finally {
      await current.close();
    }
  });
});
