// waitForReceipt: poll a receipt until the recipient has opened the link (or the secret is otherwise gone).
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
