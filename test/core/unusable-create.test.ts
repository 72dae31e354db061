// Malformed 2xx answers: every one becomes a typed server_error; when a create succeeded, the error still carries
// the receipt key (for a burn), never in its message, JSON or inspect output.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { isOtsError } from '../../core/errors/ots-error.ts';
import { createdReceiptKey } from '../../core/unusable-create.ts';
import { RECEIPT_KEY, v2Created, v2Receipt } from '../hostile/support/scripted-server.ts';
import { useScriptedServer } from './support/scripted-server.ts';

const scripted = useScriptedServer();

function expectTyped(error: unknown): void {
  expect(isOtsError(error) && error.code).toBe('server_error');
  const shown = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error)}\n${JSON.stringify(error)}`;
  expect(shown).not.toContain(RECEIPT_KEY);
}

describe('a create whose answer cannot be used', () => {
  it.each([
    ['created: 1e20', { created: 1e20 }],
    ['created: "1e20"', { created: '1e20' }],
    ['secret_ttl: 1e300 with a date', { secret_ttl: 1e300 }],
  ])('%s is a server_error that still names the receipt key to burn', async (_, fields) => {
    scripted.server.script = () => ({ body: v2Created(fields) });
    const error = await scripted.client.share('unusable-create-secret').catch((e: unknown) => e);
    expectTyped(error);
    expect(createdReceiptKey(error)).toBe(RECEIPT_KEY);
  });

  it('a generate without its value names the receipt key too', async () => {
    const v1 = new OtsClient({ baseUrl: scripted.server.url, apiVersion: 'v1', timeoutMs: 2_000 });
    scripted.server.script = () => ({
      body: { metadata_key: RECEIPT_KEY, secret_key: 'x'.repeat(31), state: 'new', ttl: 60 },
    });
    const error = await v1.generate().catch((e: unknown) => e);
    await v1.close();
    expectTyped(error);
    expect(createdReceiptKey(error)).toBe(RECEIPT_KEY);
  });
});

describe('malformed answers of reads', () => {
  it.each([
    ['a state of "constructor"', { state: 'constructor' }, 'constructor'],
    ['a state that is a number', { state: 42 }, 'unknown'],
  ])('%s is reported as a state, not a crash', async (_, fields, state) => {
    scripted.server.script = () => ({ body: { success: true, record: v2Receipt(fields) } });
    expect((await scripted.client.receipt(RECEIPT_KEY)).state).toBe(state);
  });

  it.each([
    ['created: 1e20', { record: v2Receipt({ created: 1e20 }) }],
    ['a record that is a list', { record: [1, 2] }],
    ['an identifier that is an object', { record: v2Receipt({ identifier: { x: 1 } }) }],
    ['recipients that are an object', { record: v2Receipt({ recipients: { a: 1 }, state: {} }) }],
  ])('%s is a typed server_error or a usable receipt', async (_, body) => {
    scripted.server.script = () => ({ body: { success: true, ...body } });
    try {
      const receipt = await scripted.client.receipt(RECEIPT_KEY);
      expect(typeof receipt.state).toBe('string');
      expect(() => JSON.stringify(receipt)).not.toThrow();
    } catch (error) {
      expectTyped(error);
    }
  });
});
