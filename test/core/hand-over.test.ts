// client.handOver: the one "share or generate" every front end uses, against the local server, and the orphan
// protection against a scripted one (a create the server carried out but answered unusably).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtsClient } from '../../core/client.ts';
import { isOtsError } from '../../core/errors/ots-error.ts';
import { createdReceiptKey } from '../../core/unusable-create.ts';
import {
  RECEIPT_KEY,
  type ScriptedServer,
  startScriptedServer,
  v2Created,
  v2Receipt,
} from '../hostile/support/scripted-server.ts';
import { useServer } from './support/server.ts';

const ots = useServer();

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
  let server: ScriptedServer;
  let client: OtsClient;
  beforeAll(async () => {
    server = await startScriptedServer(() => ({}));
    client = new OtsClient({ baseUrl: server.url, apiVersion: 'v2', timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('burns the secret and throws an error that no longer names a live one', async () => {
    server.requests.length = 0;
    server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created({ created: 1e20 }) }
        : { body: { success: true, record: v2Receipt({ state: 'burned' }) } };
    const error = await client.handOver({ secret: 'orphan' }).catch((e: unknown) => e);
    expect(isOtsError(error) && error.code).toBe('server_error');
    expect((error as Error).message).toMatch(/It was burned, so its link does not work\.$/);
    expect(createdReceiptKey(error)).toBeUndefined();
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v2/secret/conceal',
      `/api/v2/receipt/${RECEIPT_KEY}/burn`,
    ]);
  });

  it('keeps the receipt key on the error when the burn fails too', async () => {
    server.script = (request) =>
      request.path.endsWith('/conceal') ? { body: v2Created({ created: 1e20 }) } : { status: 503 };
    const error = await client.handOver({ secret: 'orphan' }).catch((e: unknown) => e);
    expect(createdReceiptKey(error)).toBe(RECEIPT_KEY);
  });
});
