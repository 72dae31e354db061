import { describe, expect, it } from 'vitest';
import { diff, update } from '../../../pulumi/provider/diff.ts';
import { UNKNOWN } from '../../../pulumi/provider/props.ts';

const BASE_URL = 'https://ots.example';
const context = { env: { OTS_BASE_URL: BASE_URL } };
const olds = {
  secret: 's3cret',
  requestedTtl: 3600,
  ttl: 3600,
  providerVersion: '1',
  baseUrl: BASE_URL,
  secretUrl: `${BASE_URL}/secret/abc`,
  receiptKey: 'def',
  state: 'new',
};
const same = { secret: 's3cret', ttl: 3600, providerVersion: '1' };

describe('diff', () => {
  it('reports no change when nothing changed', async () => {
    expect(await diff('id', olds, same, context)).toEqual({ changes: false });
  });

  it('replaces on any change of content: a one-time secret cannot be edited', async () => {
    for (const [input, value] of [
      ['secret', 'other'],
      ['ttl', 7200],
      ['passphrase', 'pass-phrase'],
      ['recipient', 'ops@example.com'],
      ['shareDomain', 'secrets.example.com'],
      ['generate', true],
    ] as const) {
      expect(await diff('id', olds, { ...same, [input]: value }, context)).toEqual({
        changes: true,
        replaces: [input],
        deleteBeforeReplace: false,
      });
    }
  });

  it('replaces when the configured server is no longer the one the secret lives on', async () => {
    const moved = { env: { OTS_REGION: 'eu' } };
    expect(await diff('id', olds, same, moved)).toMatchObject({ changes: true, replaces: ['baseUrl'] });
  });

  it('replaces when a content input is unknown at preview', async () => {
    expect(await diff('id', olds, { ...same, secret: UNKNOWN }, context)).toMatchObject({
      replaces: ['secret'],
    });
  });

  it('updates in place, keeping the link, when only the provider version changed', async () => {
    const news = { ...same, providerVersion: '2' };
    expect(await diff('id', olds, news, context)).toEqual({ changes: true });
    expect(await update('id', olds, news, context)).toEqual({ outs: { ...olds, providerVersion: '2' } });
  });
});

describe('diff keeps the server', () => {
  it('keeps a secret on the server in its state when nothing names a server', async () => {
    expect(await diff('id', olds, same, { env: {} })).toEqual({ changes: false });
  });

  it('refuses a content change that would create the new secret on the default server instead', async () => {
    const failure = await diff('id', olds, { ...same, ttl: 7200 }, { env: {} }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toBe(
      `ots-handoff: changing ttl means a new secret, and this run names no server, so it would be created on https://us.onetimesecret.com; the secret lives on ${BASE_URL}. Set ots-handoff:baseUrl (or OTS_BASE_URL) to ${BASE_URL} to replace it there, or name a server (baseUrl or region) to move it on purpose.`,
    );
    // Where the default server is the one the secret lives on, nothing moves, so the replacement goes ahead.
    const onDefault = { ...olds, baseUrl: 'https://us.onetimesecret.com' };
    expect(await diff('id', onDefault, { ...same, ttl: 7200 }, { env: {} })).toEqual({
      changes: true,
      replaces: ['ttl'],
      deleteBeforeReplace: false,
    });
  });

  it('moves it only when a server is named explicitly, and says so', async () => {
    const elsewhere = { env: { OTS_BASE_URL: 'https://other.example' } };
    expect(await diff('id', olds, same, elsewhere)).toMatchObject({ changes: true, replaces: ['baseUrl'] });
    const region = { env: { OTS_REGION: 'eu' } };
    expect(await diff('id', olds, same, region)).toMatchObject({ changes: true, replaces: ['baseUrl'] });
  });
});
