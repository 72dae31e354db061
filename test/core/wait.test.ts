// waitForReceipt: poll a receipt until the recipient has opened the link (or the secret is otherwise gone).
// waitForReceipts: rounds of receipt reads until every secret is opened (or final), or the time limit passes.
import { describe, expect, it } from 'vitest';
import { OtsAbortError, OtsInputError, OtsNotFoundError } from '../../core/errors/kinds.ts';
import { rejection, useServer } from './support/server.ts';

describe.each(['current', 'v0.23'] as const)('waitForReceipt on an OTS %s server', (era) => {
  const ots = useServer({ era });
  const KEY_LENGTH = era === 'current' ? 62 : 31;

  it('resolves once the secret was received', async () => {
    const sender = ots.client();
    const recipient = ots.client();
    const shared = await sender.share('are you there?');
    const waiting = sender.waitForReceipt(shared.receiptUrl, { intervalMs: 100 });
    await recipient.reveal(shared.secretUrl!);
    const receipt = await waiting;
    expect(receipt.state).toBe('received');
    expect(receipt.receivedAt).toBeInstanceOf(Date);
  });

  it('ends on a final state it was not asked for', async () => {
    const client = ots.client();
    const shared = await client.share('burn instead');
    await client.burn(shared.receiptKey);
    const receipt = await client.waitForReceipt(shared.receiptKey, { until: ['received'], intervalMs: 100 });
    expect(receipt.state).toBe('burned');
  });

  it('stops when the caller aborts', async () => {
    const client = ots.client();
    const shared = await client.share('nobody comes');
    const error = await rejection(
      client.waitForReceipt(shared.receiptKey, { intervalMs: 100, signal: AbortSignal.timeout(150) }),
    );
    expect(error).toBeInstanceOf(OtsAbortError);
  });

  it('reports an unknown receipt and a bad interval', async () => {
    const client = ots.client();
    const key = 'x'.repeat(era === 'current' ? 62 : 31);
    expect(await rejection(client.waitForReceipt(key, { intervalMs: 100 }))).toBeInstanceOf(OtsNotFoundError);
    expect(await rejection(client.waitForReceipt(key, { intervalMs: -1 }))).toBeInstanceOf(OtsInputError);
  });

  it.each([
    [{ intervalMs: 0 }, 'intervalMs'],
    [{ intervalMs: 99 }, 'intervalMs'],
    [{ intervalMs: 2 ** 31 }, 'intervalMs'],
    [{ until: ['recieved'] }, 'until'],
    [{ until: [] }, 'until'],
  ])('refuses %j before reading the receipt', async (options, field) => {
    const client = ots.client();
    const before = ots.server.requests.length;
    const error = await rejection(client.waitForReceipt('x'.repeat(KEY_LENGTH), options as never));
    expect(error).toBeInstanceOf(OtsInputError);
    expect(error.field).toBe(field);
    expect(ots.server.requests.length).toBe(before);
  });
});

describe('waitForReceipts', () => {
  const ots = useServer();

  it('ends in the round after the last link is opened, with each latest receipt in input order', async () => {
    const client = ots.client();
    const shared = await Promise.all(['a', 'b', 'c'].map((s) => client.share(s)));
    const rounds: number[] = [];
    const waiting = client.waitForReceipts(
      shared.map((r) => r.receiptUrl),
      { until: ['received'], intervalMs: 100, onRound: (p) => rounds.push(p.done) },
    );
    await client.reveal(shared[0]?.secretKey as string);
    await client.reveal(shared[2]?.secretKey as string);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(rounds.at(-1)).toBe(2);
    await client.reveal(shared[1]?.secretKey as string);
    const result = await waiting;
    expect(result).toMatchObject({ complete: true, timedOut: false, done: [true, true, true] });
    expect(result.receipts.map((r) => r?.receiptKey)).toEqual(shared.map((r) => r.receiptKey));
    expect(result.receipts.map((r) => r?.state)).toEqual(['received', 'received', 'received']);
    expect(rounds.at(-1)).toBe(3);
  });

  it('returns at the time limit saying who is still pending; an expired secret (clock moved) counts as final', async () => {
    const client = ots.client();
    const short = await client.share('short', { ttl: 60 });
    const long = await client.share('long', { ttl: 3600 });
    ots.server.clock.advance(90);
    const result = await client.waitForReceipts([short.receiptKey, long.receiptKey], {
      until: ['received'],
      intervalMs: 100,
      timeoutMs: 300,
    });
    expect(result.complete).toBe(false);
    expect(result.timedOut).toBe(true);
    expect(result.done).toEqual([true, false]);
    expect(result.receipts.map((r) => r?.state)).toEqual(['expired', 'new']);
  });

  it('takes a receipt that vanished during the wait (its 2 x TTL passed) as expired, not as a failure', async () => {
    const client = ots.client();
    const short = await client.share('short', { ttl: 60 });
    let rounds = 0;
    const result = await client.waitForReceipts([short.receiptKey], {
      until: ['received'],
      intervalMs: 100,
      timeoutMs: 5_000,
      onRound: () => {
        rounds++;
        if (rounds === 1) ots.server.clock.advance(200);
      },
    });
    expect(result).toMatchObject({ complete: true, timedOut: false, done: [true] });
    expect(result.receipts[0]?.state).toBe('expired');
    expect(result.receipts[0]?.secretUrl).toBeUndefined();
  });

  it('refuses a bad key by its position before reading anything, and stops on a permanent failure', async () => {
    const client = ots.client();
    const { receiptKey } = await client.share('x');
    const before = ots.server.requests.length;
    const bad = await rejection(client.waitForReceipts(['https://x.example/secret/abc', 'k'], {}));
    expect(bad.field).toBe('keys[0]');
    expect((await rejection(client.waitForReceipts([], {}))).field).toBe('keys');
    expect((await rejection(client.waitForReceipts([receiptKey], { intervalMs: 5 }))).field).toBe(
      'intervalMs',
    );
    expect(ots.server.requests.length).toBe(before);
    const unknown = await rejection(
      client.waitForReceipts([receiptKey.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))], { intervalMs: 100 }),
    );
    expect(unknown.code).toBe('not_found');
  });
});
