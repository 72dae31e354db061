// Every client method against the real local OTS server, in both server eras and over every API choice.
import { describe, expect, it } from 'vitest';
import { OtsNotFoundError } from '../../core/errors/kinds.ts';
import { ACCOUNT, rejection, useServer } from './support/server.ts';

const ERAS = ['current', 'v0.23'] as const;
const VERSIONS = ['v2', 'v1', 'auto'] as const;
const KEY_LENGTH = { current: 62, 'v0.23': 31 };

describe.each(ERAS)('against an OTS %s server', (era) => {
  const ots = useServer({ era });

  describe.each(VERSIONS)('with apiVersion %s', (apiVersion) => {
    const wire = apiVersion === 'v1' ? 'v1' : 'v2';
    const anon = () => ots.client({ apiVersion });
    const owner = () => ots.client({ apiVersion, ...ACCOUNT });

    it('reports the server status, and over v2 the server version', async () => {
      const client = anon();
      const before = ots.server.requests.length;
      const status = await client.status();
      expect(status).toMatchObject({ status: 'nominal', locale: 'en' });
      // main's /api/v2/version wants credentials (main-de53ff8-v2 #3), so an anonymous client learns none.
      expect(status.version).toBe(wire === 'v1' || era === 'current' ? undefined : '0.23.6');
      expect(client.apiVersion).toBe(wire);
      expect(ots.server.requests.slice(before).map((r) => r.path)).toEqual(
        wire === 'v1' ? ['/api/v1/status'] : ['/api/v2/status', '/api/v2/version'],
      );
    });

    it('shares a secret and returns a receipt with working links', async () => {
      const receipt = await anon().share('hello there', { ttl: '1h' });
      expect(receipt.receiptKey).toMatch(new RegExp(`^[0-9a-z]{${KEY_LENGTH[era]}}$`));
      expect(receipt.secretKey).toMatch(new RegExp(`^[0-9a-z]{${KEY_LENGTH[era]}}$`));
      expect(receipt.secretUrl).toBe(`${ots.server.url}/secret/${receipt.secretKey}`);
      expect(receipt.receiptUrl).toBe(`${ots.server.url}/receipt/${receipt.receiptKey}`);
      expect(receipt).toMatchObject({ state: 'new', ttl: 3600, passphraseRequired: false, recipients: [] });
      expect(receipt.ttlAdjusted).toBeUndefined();
      // main's v2 stamps are floats within the current second (main-de53ff8-v2 #6); v1's are whole seconds.
      const second = (date: Date | undefined) => Math.floor((date?.getTime() ?? Number.NaN) / 1000);
      expect(second(receipt.createdAt)).toBe(ots.server.clock.now());
      expect(second(receipt.expiresAt)).toBe(ots.server.clock.now() + 3600);
      expect(ots.server.requests.at(-1)).toMatchObject({
        method: 'POST',
        path: wire === 'v1' ? '/api/v1/share' : '/api/v2/secret/conceal',
        contentType: wire === 'v1' ? 'application/x-www-form-urlencoded' : 'application/json',
        hasAuth: false,
      });
    });

    it('round-trips a unicode, newline, & = + < secret byte for byte', async () => {
      const client = anon();
      const secret = 'héllo wörld ✓ 🔐\nline2\r\n& = + < > % ; "quoted" \\ \t end ';
      const receipt = await client.share(secret);
      const revealed = await client.reveal(receipt.secretUrl!);
      expect(Buffer.from(revealed.value, 'utf8').equals(Buffer.from(secret, 'utf8'))).toBe(true);
      expect(revealed.secretKey).toBe(receipt.secretKey);
    });

    it('reveals once; afterwards the receipt says received and a second reveal is not_found', async () => {
      const client = anon();
      const { secretKey, receiptKey } = await client.share('only once');
      expect(await client.reveal(secretKey!)).toEqual({ value: 'only once', secretKey });
      const after = await client.receipt(receiptKey);
      expect(after.state).toBe('received');
      expect(after.secretKey).toBeUndefined();
      expect(after.secretUrl).toBeUndefined();
      expect(after.receivedAt).toBeInstanceOf(Date);
      const again = await rejection(client.reveal(secretKey!));
      expect(again).toBeInstanceOf(OtsNotFoundError);
      expect(again.message).toMatch(/unknown, was already read, was burned, has expired, or the passphrase/);
    });

    it('protects a secret with a passphrase', async () => {
      // v0.23 allows 5 failed passphrases per 20 minutes and caller; start each such test in a fresh window.
      ots.server.clock.advance(1201);
      const client = anon();
      const receipt = await client.share('behind a passphrase', { passphrase: 'correct horse' });
      expect(receipt.passphraseRequired).toBe(true);
      const wrong = await rejection(client.reveal(receipt.secretKey!, { passphrase: 'wrong horse' }));
      expect(['not_found', 'invalid_request']).toContain(wrong.code);
      if (wrong.code === 'invalid_request') expect(wrong.field).toBe('passphrase');
      const missing = await rejection(client.reveal(receipt.secretKey!));
      expect(['not_found', 'invalid_request']).toContain(missing.code);
      await expect(client.reveal(receipt.secretKey!, { passphrase: 'correct horse' })).resolves.toMatchObject(
        {
          value: 'behind a passphrase',
        },
      );
    });

    it('reads a receipt by key or by link without ever carrying the secret', async () => {
      const client = anon();
      const shared = await client.share('never in a receipt', { ttl: 600 });
      const first = await client.receipt(shared.receiptUrl);
      const second = await client.receipt(shared.receiptKey);
      for (const receipt of [first, second]) {
        expect(JSON.stringify(receipt)).not.toContain('never in a receipt');
        expect(receipt).toMatchObject({
          receiptKey: shared.receiptKey,
          secretKey: shared.secretKey,
          ttl: 600,
        });
        expect(['new', 'viewed']).toContain(receipt.state);
      }
    });

    it('burns a secret: the result says burned, the secret is gone, a second burn is not_found', async () => {
      const client = anon();
      const shared = await client.share('burn me', { ttl: 600 });
      const burned = await client.burn(shared.receiptUrl);
      expect(burned).toMatchObject({ receiptKey: shared.receiptKey, state: 'burned' });
      expect(burned.secretKey).toBeUndefined();
      expect((await client.receipt(shared.receiptKey)).state).toBe('burned');
      expect((await rejection(client.reveal(shared.secretKey!))).code).toBe('not_found');
      expect((await rejection(client.burn(shared.receiptKey))).code).toBe('not_found');
    });

    it('burns a passphrase-protected secret only with its passphrase', async () => {
      ots.server.clock.advance(1201);
      const client = anon();
      const shared = await client.share('burn me too', { passphrase: 'correct horse' });
      const refused = await rejection(client.burn(shared.receiptKey));
      expect(refused.code).toBe('invalid_request');
      expect(refused.field).toBe('passphrase');
      await expect(client.burn(shared.receiptKey, { passphrase: 'correct horse' })).resolves.toMatchObject({
        state: 'burned',
      });
    });

    it('burn after the secret was read is not_found', async () => {
      const client = anon();
      const shared = await client.share('read first');
      await client.reveal(shared.secretKey!);
      const error = await rejection(client.burn(shared.receiptKey));
      expect(error).toBeInstanceOf(OtsNotFoundError);
    });

    it('generates a password that reveals to the same value', async () => {
      const client = anon();
      const before = ots.server.requests.length;
      const generated = await client.generate({ length: 20, ttl: 600 });
      // Only a pinned v2 makes the password locally; otherwise the server's v1 /generate does, in one request.
      expect(ots.server.requests.slice(before).map((r) => r.path)).toEqual([
        apiVersion === 'v2' ? '/api/v2/secret/conceal' : '/api/v1/generate',
      ]);
      expect(generated.generatedBy).toBe(apiVersion === 'v2' ? 'client' : 'server');
      expect(generated.value).toHaveLength(20);
      expect(generated).toMatchObject({ state: 'new', ttl: 600 });
      expect(JSON.stringify({ ...generated, value: undefined })).not.toContain(generated.value);
      expect((await client.reveal(generated.secretKey!)).value).toBe(generated.value);
    });

    it('generates with a passphrase and a default length', async () => {
      const client = owner();
      const generated = await client.generate({ passphrase: 'correct horse' });
      // The server's default (12) when it generates; the local default (16) otherwise.
      expect(generated.value).toHaveLength(apiVersion === 'v2' ? 16 : 12);
      expect(generated.passphraseRequired).toBe(true);
      const revealed = await client.reveal(generated.secretUrl!, { passphrase: 'correct horse' });
      expect(revealed.value).toBe(generated.value);
    });

    it('without a ttl, leaves it to the server default (never an empty ttl=, which means 60 s)', async () => {
      const receipt = await anon().share('default ttl');
      expect(receipt.ttl).toBe(604_800);
      expect(receipt.ttlAdjusted).toBeUndefined();
    });

    it('says when the server granted a different TTL than asked', async () => {
      const client = anon();
      const short = await client.share('x', { ttl: 10 });
      expect(short.ttlAdjusted).toEqual({ requested: 10, granted: 60 });
      const long = await client.share('x', { ttl: '52w' });
      expect(long.ttlAdjusted).toEqual({ requested: 52 * 604_800, granted: 604_800 });
      expect(long.ttl).toBe(604_800);
    });

    it('shares as an account and lists recent receipts', async () => {
      const client = owner();
      const shared = await client.share('for the record', { ttl: 300 });
      expect(ots.server.requests.at(-1)?.hasAuth).toBe(true);
      if (era === 'v0.23' && wire === 'v1') {
        // OTS v0.21–v0.23 crash on v1 recent (T1#58); the error says so.
        const error = await rejection(client.recent());
        expect(error.code).toBe('server_error');
        expect(error.message).toMatch(/cannot list recent receipts over API v1/);
        return;
      }
      const recent = await client.recent();
      const mine = recent.find((r) => r.receiptKey === shared.receiptKey);
      expect(mine).toMatchObject({ state: 'new', ttl: 300 });
      expect(mine?.receiptUrl).toBe(shared.receiptUrl);
    });

    it('reports an expired secret', async () => {
      const client = anon();
      const shared = await client.share('short lived', { ttl: 60 });
      ots.server.clock.advance(65);
      expect((await rejection(client.reveal(shared.secretKey!))).code).toBe('not_found');
      const receipt = await client.receipt(shared.receiptKey);
      expect(receipt.state).toBe('expired');
      expect(receipt.secretUrl).toBeUndefined();
    });
  });
});

describe('await using', () => {
  const ots = useServer();

  it('closes the client at the end of the block', async () => {
    let escaped: import('../../core/client.ts').OtsClient | undefined;
    {
      await using client = ots.client();
      await client.status();
      escaped = client;
    }
    expect((await rejection(escaped.status())).message).toMatch(/was closed/);
  });
});
