import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtsServer, startOtsServer } from '../../server/index.ts';
import { call } from './helpers.ts';

// One-time means one time even when requests race: reveal and burn decide atomically.

let server: OtsServer;
beforeAll(async () => {
  server = await startOtsServer();
});
afterAll(() => server.close());

describe('racing requests', () => {
  it('hands a secret to exactly one of ten simultaneous reveals', async () => {
    const created = await call(server, 'POST', '/api/v1/share', {
      form: { secret: 'once', passphrase: 'correcthorse' },
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`, {
          form: { passphrase: 'correcthorse' },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200).map((a) => a.json.value)).toEqual(['once']);
    expect(answers.filter((a) => a.status === 404)).toHaveLength(9);
  });

  it('lets one of five simultaneous v2 burns win; the others find nothing and answer a bare success', async () => {
    const created = await call(server, 'POST', '/api/v2/secret/conceal', {
      json: { secret: { secret: 'burn me' } },
    });
    const key = created.json.record.receipt.identifier;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(server, 'POST', `/api/v2/receipt/${key}/burn`, { json: { continue: true } }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.every((a) => a.json.success === true)).toBe(true);
    expect(answers.filter((a) => a.json.record !== undefined)).toHaveLength(1);
  });

  it('makes a reveal and a burn racing for the same secret exclusive', async () => {
    const created = await call(server, 'POST', '/api/v1/share', { form: { secret: 'contested' } });
    const [revealed, burned] = await Promise.all([
      call(server, 'POST', `/api/v1/secret/${created.json.secret_key}`),
      call(server, 'POST', `/api/v1/private/${created.json.metadata_key}/burn`),
    ]);
    expect([revealed.status, burned.status].sort()).toEqual([200, 404]);
    const receipt = await call(server, 'GET', `/api/v1/receipt/${created.json.metadata_key}`);
    expect(receipt.json.state).toBe(revealed.status === 200 ? 'received' : 'burned');
  });
});
