// client.handOver: the one "share or generate" every front end uses, against the local server, and the orphan
// protection against a scripted one (a create the server carried out but answered unusably). handOverTo: one
// secret per recipient with one value, input order, per-recipient failures, rollback.
import { afterEach, describe, expect, it } from 'vitest';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { isOtsError } from '../../core/errors/ots-error.ts';
import { createdReceiptKey } from '../../core/unusable-create.ts';
import { RECEIPT_KEY, v2Created, v2Receipt } from '../hostile/support/scripted-server.ts';
import { useScriptedServer } from './support/scripted-server.ts';
import { ACCOUNT, rejection, useServer } from './support/server.ts';

const ots = useServer();
afterEach(() => ots.server.faults.clear());

describe('handOver', () => {
  it('shares a value: the receipt, no value, no warnings when the TTL was granted', async () => {
    const result = await ots.client().handOver({ secret: 'hand-over-secret', ttl: 3600 });
    expect(result.value).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.receipt.state).toBe('new');
    expect(JSON.stringify(result)).not.toContain('hand-over-secret');
  });

  it('generates a password: the value beside a receipt that does not hold it', async () => {
    const result = await ots.client().handOver({ generate: true, length: 20 });
    expect(result.value).toMatch(/^\S{20}$/);
    expect(result.generatedBy).toBe('server');
    expect(JSON.stringify(result.receipt)).not.toContain(result.value);
  });

  it('warns, once and in one wording, when the server clamped the TTL', async () => {
    const result = await ots.client().handOver({ secret: 'x', ttl: '52w' });
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^ttl: asked for 364d \(31449600 s\), the server granted 7d \(604800 s\); the link expires sooner than asked, at \d{4}-/,
      ),
    ]);
  });
});

describe('handOver when the create succeeded but its answer cannot be used', () => {
  const scripted = useScriptedServer();

  it('burns the secret and throws an error that no longer names a live one', async () => {
    scripted.server.requests.length = 0;
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created({ created: 1e20 }) }
        : { body: { success: true, record: v2Receipt({ state: 'burned' }) } };
    const error = await scripted.client.handOver({ secret: 'orphan' }).catch((e: unknown) => e);
    expect(isOtsError(error) && error.code).toBe('server_error');
    expect((error as Error).message).toMatch(/It was burned, so its link does not work\.$/);
    expect(createdReceiptKey(error)).toBeUndefined();
    expect(scripted.server.requests.map((r) => r.path)).toEqual([
      '/api/v2/secret/conceal',
      `/api/v2/receipt/${RECEIPT_KEY}/burn`,
    ]);
  });

  it('keeps the receipt key on the error when the burn fails too', async () => {
    scripted.server.script = (request) =>
      request.path.endsWith('/conceal') ? { body: v2Created({ created: 1e20 }) } : { status: 503 };
    const error = await scripted.client.handOver({ secret: 'orphan' }).catch((e: unknown) => e);
    expect(createdReceiptKey(error)).toBe(RECEIPT_KEY);
  });
});

const team = (n: number) => Array.from({ length: n }, (_, i) => `person${i + 1}@example.com`);
const CONCEAL = '/api/v2/secret/conceal';

describe('handOverTo', () => {
  it('gives 25 recipients 25 distinct secrets holding the same value, each revealable once', async () => {
    const client = ots.client({ ...ACCOUNT, apiVersion: 'v2' });
    const recipients = team(25);
    const result = await client.handOverTo(recipients, { value: 'db-password-42' }, { ttl: '1h' });
    expect(result.failed).toEqual([]);
    expect(result.created).toEqual(recipients);
    expect(result.rolledBack).toBe(false);
    expect(result.results.map((r) => r.recipient)).toEqual(recipients);
    const secretKeys = result.results.map((r) => r.receipt?.secretKey);
    const receiptKeys = result.results.map((r) => r.receipt?.receiptKey);
    expect(new Set(secretKeys).size).toBe(25);
    expect(new Set(receiptKeys).size).toBe(25);
    for (const key of secretKeys) {
      expect((await client.reveal(key as string)).value).toBe('db-password-42');
      expect((await rejection(client.reveal(key as string))).code).toBe('not_found');
    }
    // Each receipt names only its own recipient (obscured by the server, as OTS does).
    for (const r of result.results) expect(r.receipt?.recipients).toHaveLength(1);
  });

  it('generates one value on this machine and gives every recipient a link to that same value', async () => {
    const client = ots.client({ ...ACCOUNT });
    const result = await client.handOverTo(team(3), { generate: true, length: 24 });
    expect(result.generatedBy).toBe('client');
    expect(result.value).toHaveLength(24);
    for (const r of result.results) {
      expect((await client.reveal(r.receipt?.secretKey as string)).value).toBe(result.value);
    }
  });

  it('names the 24 created when item 13 fails, and keeps their links working without rollback', async () => {
    const client = ots.client({ ...ACCOUNT, apiVersion: 'v2' });
    const recipients = team(25);
    // Concurrency 1 makes the 13th request the 13th recipient's.
    ots.server.faults.add({ path: CONCEAL, type: 'delay', ms: 0, times: 12 });
    ots.server.faults.add({ path: CONCEAL, type: 'status', status: 500, body: '{"message":"boom"}' });
    const result = await client.handOverTo(recipients, { value: 'v' }, { concurrency: 1 });
    expect(result.failed).toEqual(['person13@example.com']);
    expect(result.created).toEqual(recipients.filter((r) => r !== 'person13@example.com'));
    expect(result.created).toHaveLength(24);
    expect(result.rolledBack).toBe(false);
    const failed = result.results[12];
    expect(failed?.error?.code).toBe('server_error');
    expect(failed?.receipt).toBeUndefined();
    const first = result.results[0]?.receipt;
    expect((await client.receipt(first?.receiptKey as string)).state).toBe('new');
  });

  it('with rollbackOnPartialFailure, burns the 24 links it created when item 13 fails', async () => {
    const client = ots.client({ ...ACCOUNT, apiVersion: 'v2' });
    ots.server.faults.add({ path: CONCEAL, type: 'delay', ms: 0, times: 12 });
    ots.server.faults.add({ path: CONCEAL, type: 'status', status: 500, body: '{"message":"boom"}' });
    const result = await client.handOverTo(
      team(25),
      { value: 'v' },
      { concurrency: 1, rollbackOnPartialFailure: true },
    );
    expect(result.rolledBack).toBe(true);
    expect(result.created).toHaveLength(24);
    for (const r of result.results) {
      if (r.recipient === 'person13@example.com') {
        expect(r.rollback).toBeUndefined();
        continue;
      }
      expect(r.rollback?.ok).toBe(true);
      expect(await client.receipt(r.receipt?.receiptKey as string)).toMatchObject({ state: 'burned' });
      expect((await rejection(client.reveal(r.receipt?.secretKey as string))).code).toBe('not_found');
    }
  });

  it('retries a create OTS refused with 429 (nothing was done), so every recipient still gets one link', async () => {
    const client = ots.client({ ...ACCOUNT, apiVersion: 'v2' });
    const before = ots.server.requests.length;
    ots.server.faults.add({ path: CONCEAL, type: 'rate-limit', retryAfter: 0, times: 2 });
    const result = await client.handOverTo(team(5), { value: 'v' });
    expect(result.failed).toEqual([]);
    expect(new Set(result.results.map((r) => r.receipt?.secretKey)).size).toBe(5);
    expect(ots.server.requests.length - before).toBe(7);
  });

  it('does not roll back when every recipient got a link', async () => {
    const client = ots.client({ ...ACCOUNT });
    const result = await client.handOverTo(team(2), { value: 'v' }, { rollbackOnPartialFailure: true });
    expect(result.rolledBack).toBe(false);
    for (const r of result.results) {
      expect((await client.receipt(r.receipt?.receiptKey as string)).state).toBe('new');
    }
  });

  it('checks every recipient and the value before sending anything, naming the bad entry', async () => {
    const client = ots.client({ ...ACCOUNT });
    const anonymous = ots.client();
    const before = ots.server.requests.length;
    const cases: Array<[Promise<unknown>, string, RegExp]> = [
      [
        client.handOverTo(['a@example.com', 'b@example', 'c@example.com'], { value: 'v' }),
        'recipients[1]',
        /"b@example" is not an email/,
      ],
      [
        client.handOverTo(['a@example.com', 'b@example.com\u202e'], { value: 'v' }),
        'recipients[1]',
        /invisible character \(U\+202E\)/,
      ],
      [
        client.handOverTo(['a@example.com', 'A@example.com'], { value: 'v' }),
        'recipients[1]',
        /already recipients\[0\]/,
      ],
      [client.handOverTo([], { value: 'v' }), 'recipients', /non-empty list/],
      [client.handOverTo(team(101), { value: 'v' }), 'recipients', /at most 100/],
      [client.handOverTo(team(2), { value: '  ' }), 'value', /^value: is only whitespace/],
      [client.handOverTo(team(2), { value: 'v' }, { ttl: 'soon' }), 'ttl', /"soon"/],
      [client.handOverTo(team(2), { generate: true, length: 2 }), 'length', /4 to 128/],
      [anonymous.handOverTo(team(2), { value: 'v' }), 'recipient', /account/],
    ];
    for (const [call, field, message] of cases) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(OtsInputError);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(ots.server.requests.length).toBe(before);
  });
});
