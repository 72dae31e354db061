// create() when the server created the secret but its answer cannot be used: burn it, or keep its receipt key in
// state so destroy can; never a secret on the server that nothing refers to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from '../../../pulumi/provider/index.ts';
import {
  RECEIPT_KEY,
  type ScriptedServer,
  startScriptedServer,
  v2Created,
  v2Receipt,
} from '../../hostile/support/scripted-server.ts';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => ({}));
});
afterAll(() => server.close());

const context = () => ({ env: { OTS_BASE_URL: server.url, OTS_API_VERSION: 'v2' } });

describe('create with an unusable answer', () => {
  it('burns what was created and fails', async () => {
    server.requests.length = 0;
    server.script = (request) =>
      request.path.endsWith('/conceal')
        ? { body: v2Created({ created: 1e20 }) }
        : { body: { success: true, record: v2Receipt({ state: 'burned' }) } };
    const error = await create({ secret: 'pulumi-orphan-secret' }, context()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/server_error/);
    expect((error as Error).message).not.toContain(RECEIPT_KEY);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/v2/secret/conceal',
      `/api/v2/receipt/${RECEIPT_KEY}/burn`,
    ]);
  });

  it('keeps the receipt key in state when the burn fails too', async () => {
    server.script = (request) =>
      request.path.endsWith('/conceal') ? { body: v2Created({ created: 1e20 }) } : { status: 503 };
    const result = await create({ secret: 'pulumi-orphan-secret' }, context());
    expect(result.outs?.receiptKey).toBe(RECEIPT_KEY);
    expect(result.outs?.state).toBe('unknown');
    expect(result.id).not.toContain(RECEIPT_KEY);
  });
});
