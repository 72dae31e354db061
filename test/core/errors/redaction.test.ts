// The redaction rule: no error, in any form a program or a log could render it, holds the secret, the passphrase,
// the API token or a full key. Errors are collected from every failure scenario, then searched.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { OtsClient } from '../../../core/client.ts';
import { isOtsError } from '../../../core/errors/ots-error.ts';
import { ACCOUNT, useServer } from '../support/server.ts';

const SECRET = 'S3cr3t-válue & = + < 🔐 never-print-me';
const PASSPHRASE = 'pass-PHRASE-never-print';
const TOKEN = ACCOUNT.apiToken;
const BASIC = Buffer.from(`${ACCOUNT.username}:${TOKEN}`).toString('base64');

/** Every rendering of an error a program or a log might produce, cause chain included. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    const err = e as Error;
    out.push(
      String(err),
      err.message,
      err.stack ?? '',
      JSON.stringify(err),
      JSON.stringify(Object.assign({}, err)),
      inspect(err, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    );
    e = err.cause;
  }
  return out;
}

describe.each(['current', 'v0.23'] as const)('errors from an OTS %s server', (era) => {
  const ots = useServer({ era });
  afterEach(() => ots.server.faults.clear());

  it.each(['v2', 'v1'] as const)(
    'never contain secrets, passphrases, tokens or full keys (API %s)',
    async (apiVersion) => {
      const collected: Array<{ scenario: string; error: unknown }> = [];
      const keys = new Set<string>();
      const collect = async (scenario: string, call: () => Promise<unknown>): Promise<void> => {
        try {
          await call();
        } catch (error) {
          collected.push({ scenario, error });
          return;
        }
        throw new Error(`scenario "${scenario}" did not fail`);
      };
      ots.server.clock.advance(1201); // a fresh window for failed passphrases
      // Room for a loaded machine to answer; only the stalled calls below get a short deadline of their own.
      const owner = ots.client({ ...ACCOUNT, apiVersion, maxRetries: 0, timeoutMs: 10_000 });
      const shared = await owner.share('a real secret', { passphrase: PASSPHRASE });
      keys.add(shared.receiptKey).add(shared.secretKey!);
      const secretKey = shared.secretKey!;
      const receiptKey = shared.receiptKey;

      // Server answers that echo everything back, in each error family.
      const echo = `echo ${SECRET} ${PASSPHRASE} ${TOKEN} ${BASIC} ${secretKey} ${receiptKey}`;
      for (const [status, extra] of [
        [404, { 'X-OTS-Intended-Status': '400' }],
        [404, {}],
        [401, {}],
        [422, {}],
        [429, { 'Retry-After': '1' }],
        [500, {}],
      ] as const) {
        ots.server.faults.add({
          type: 'status',
          status,
          body: JSON.stringify({ message: echo, error: echo, field: 'secret' }),
          contentType: 'application/json',
          headers: extra,
        });
        await collect(`echoing ${status}`, () => owner.share(SECRET, { passphrase: PASSPHRASE }));
      }
      ots.server.faults.add({
        type: 'status',
        status: 502,
        body: `<html>${echo}</html>`,
        contentType: 'text/html',
      });
      await collect('echoing HTML', () => owner.reveal(secretKey, { passphrase: PASSPHRASE }));

      for (const fault of [{ type: 'reset' }, { type: 'truncate' }, { type: 'delay', ms: 60_000 }] as const) {
        const deadline = fault.type === 'delay' ? { timeoutMs: 200 } : {};
        ots.server.faults.add(fault);
        await collect(`share, ${fault.type}`, () =>
          owner.share(SECRET, { passphrase: PASSPHRASE, ttl: 600, ...deadline }),
        );
        ots.server.faults.add(fault);
        await collect(`reveal, ${fault.type}`, () =>
          owner.reveal(secretKey, { passphrase: PASSPHRASE, ...deadline }),
        );
        ots.server.faults.add(fault);
        await collect(`burn, ${fault.type}`, () =>
          owner.burn(receiptKey, { passphrase: PASSPHRASE, ...deadline }),
        );
      }
      ots.server.faults.add({ type: 'rate-limit', retryAfter: 5 });
      await collect('rate limited', () => owner.share(SECRET, { passphrase: PASSPHRASE }));

      // Real server refusals, on a fresh secret (a truncated answer above may have been a completed reveal).
      const fresh = await owner.share('another real secret', { passphrase: PASSPHRASE });
      keys.add(fresh.receiptKey).add(fresh.secretKey!);
      const wrongToken = ots.client({ username: ACCOUNT.username, apiToken: `${TOKEN}x`, apiVersion });
      await collect('wrong token', () => wrongToken.share(SECRET, { passphrase: PASSPHRASE }));
      await collect('wrong passphrase', () =>
        owner.reveal(fresh.secretKey!, { passphrase: `${PASSPHRASE}x` }),
      );
      await collect('passphrase refused', () =>
        // v0.23 wants at least 8 characters, current servers at most 128.
        owner.share(SECRET, { passphrase: era === 'v0.23' ? 'shrt' : `${PASSPHRASE}${'x'.repeat(128)}` }),
      );
      await collect('unknown share domain', () =>
        owner.share(SECRET, { shareDomain: 'unknown.example.org' }),
      );
      await collect('burn without passphrase', () => owner.burn(fresh.receiptKey));
      await owner.reveal(fresh.secretKey!, { passphrase: PASSPHRASE });
      await collect('reveal twice', () =>
        owner.reveal(`${ots.server.url}/secret/${fresh.secretKey}`, { passphrase: PASSPHRASE }),
      );
      // A burn after the reveal succeeds (nothing left to burn); a burn of a key that is no receipt fails.
      await collect('burn of an unknown receipt', () =>
        owner.burn(fresh.secretKey!, { passphrase: PASSPHRASE }),
      );
      await collect('unknown receipt', () => owner.receipt(fresh.secretKey!));

      // Refused before sending.
      await collect('oversize', () =>
        owner.share(`${SECRET}${'x'.repeat(10_000)}`, { passphrase: PASSPHRASE }),
      );
      await collect('bad ttl', () => owner.share(SECRET, { ttl: SECRET }));
      await collect('receipt link to reveal', () => owner.reveal(`https://x.test/receipt/${receiptKey}`));
      await collect('cut-off key', () => owner.reveal(secretKey.slice(0, -1)));
      await collect('uppercase key', () => owner.burn(receiptKey.toUpperCase()));
      await collect('aborted', () =>
        owner.share(SECRET, { passphrase: PASSPHRASE, signal: AbortSignal.abort() }),
      );
      await collect(
        'half credential',
        async () => new OtsClient({ username: ACCOUNT.username, apiToken: '' }),
      );
      await collect(
        'credentials in baseUrl',
        async () => new OtsClient({ baseUrl: `https://u:${TOKEN}@x.test` }),
      );

      // Nothing listening.
      const nowhere = new OtsClient({ baseUrl: 'http://127.0.0.1:9', ...ACCOUNT, apiVersion, maxRetries: 0 });
      await collect('connection refused', () => nowhere.share(SECRET, { passphrase: PASSPHRASE }));
      await nowhere.close();

      expect(collected.length).toBeGreaterThan(30);
      const forbidden = [
        SECRET,
        PASSPHRASE,
        TOKEN,
        BASIC,
        ...keys,
        receiptKey.toUpperCase(),
        secretKey.slice(0, -1),
      ];
      // The pieces of the secret that survive URL- or JSON-encoding must not appear either.
      forbidden.push(
        'never-print-me',
        'never-print',
        encodeURIComponent(SECRET),
        JSON.stringify(SECRET).slice(1, -1),
      );
      for (const { scenario, error } of collected) {
        expect(isOtsError(error), scenario).toBe(true);
        for (const text of renderings(error)) {
          for (const value of forbidden) {
            expect(text.includes(value), `${scenario}: ${value.slice(0, 8)}… in ${text.slice(0, 300)}`).toBe(
              false,
            );
          }
        }
      }
      const codes = new Set(collected.map(({ error }) => (error as { code: string }).code));
      expect([...codes].sort()).toEqual([
        'aborted',
        'invalid_input',
        'invalid_request',
        'network',
        'not_found',
        'rate_limited',
        'server_error',
        'timeout',
        'unauthorized',
      ]);
    },
  );
});
