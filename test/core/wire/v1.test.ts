// Bodies below are copied from real OTS v0.23.6 answers (shared/reference/ots-transcripts, T1/T2).
import { describe, expect, it } from 'vitest';
import { v1 } from '../../../core/wire/v1.ts';

describe('API v1 requests', () => {
  it('form-encodes create parameters and omits unset ones (an empty ttl= means 60 s to OTS)', () => {
    const request = v1.share.request({ secret: 'a & b = c + <d> ü\n', passphrase: 'pw pw' });
    expect(request).toMatchObject({
      method: 'POST',
      path: '/api/v1/share',
      contentType: 'form',
      idempotent: false,
    });
    expect(request.body).toBe('secret=a+%26+b+%3D+c+%2B+%3Cd%3E+%C3%BC%0A&passphrase=pw+pw');
    expect(new URLSearchParams(request.body).get('secret')).toBe('a & b = c + <d> ü\n');
    expect(request.body).not.toContain('ttl');
    expect(v1.generate.request({ ttl: 600, length: 20 }).body).toBe('ttl=600&length=20');
  });

  it('keeps the secret and passphrase out of the URL', () => {
    expect(v1.share.request({ secret: 's3cr3t', passphrase: 'correcthorse' }).path).toBe('/api/v1/share');
    const reveal = v1.reveal.request({ key: '3c2t53oew49pl1auz1qklvkhti0nlzh', passphrase: 'correcthorse' });
    expect(reveal.path).toBe('/api/v1/secret/3c2t53oew49pl1auz1qklvkhti0nlzh');
    expect(reveal.body).toBe('passphrase=correcthorse');
    expect(v1.burn.request({ key: '57kiz6zbf21rqto5qtp0sy7q1b7y3ya' })).toMatchObject({
      path: '/api/v1/private/57kiz6zbf21rqto5qtp0sy7q1b7y3ya/burn',
      body: '',
    });
  });

  it('marks only reads as idempotent', () => {
    expect(v1.status.request().idempotent).toBe(true);
    expect(v1.receipt.request({ key: '57kiz6zbf21rqto5qtp0sy7q1b7y3ya' }).idempotent).toBe(true);
    expect(v1.recent.request().idempotent).toBe(true);
    for (const r of [
      v1.share.request({}),
      v1.generate.request({}),
      v1.reveal.request({ key: 'k' }),
      v1.burn.request({ key: 'k' }),
    ]) {
      expect(r.idempotent).toBe(false);
    }
  });
});

describe('API v1 answers', () => {
  it('reads a create answer (T1#11)', () => {
    const created = v1.share.read({
      custid: 'tester@example.com',
      metadata_key: '3dq3w1kd0wupjv40ckg7mdekonwwbw7',
      secret_key: '66jqiny9zmtdpyoag9zc23wltdy69vi',
      ttl: 7200,
      metadata_ttl: 14400,
      secret_ttl: 7200,
      state: 'new',
      updated: 1795388163,
      created: 1795388162,
      recipient: [],
      share_domain: '',
      passphrase_required: true,
    });
    expect(created).toEqual({
      fields: {
        receiptKey: '3dq3w1kd0wupjv40ckg7mdekonwwbw7',
        secretKey: '66jqiny9zmtdpyoag9zc23wltdy69vi',
        state: 'new',
        ttl: 7200,
        passphraseRequired: true,
        recipients: [],
        shareDomain: undefined,
        created: 1795388162,
        updated: 1795388163,
        received: undefined,
      },
    });
  });

  it('reads the generated value (T1#26)', () => {
    const created = v1.share.read({
      metadata_key: '17tzpbr6b0tb6lk4qo46noija26m6rf',
      secret_key: '5ywe49ow0246cj4ud9qmn2g95il1dtm',
      ttl: 600,
      state: 'new',
      recipient: [],
      share_domain: '',
      value: 'Q+x!22&`TNbDK$v!Q>G:',
      passphrase_required: true,
    });
    expect(created.value).toBe('Q+x!22&`TNbDK$v!Q>G:');
  });

  it('never carries the plaintext an old server puts in a receipt (T1#30)', () => {
    const fields = v1.receipt.read({
      custid: 'anon',
      metadata_key: '6cf03q27atxosleep7az8xzd466bl95',
      secret_key: '3c2t53oew49pl1auz1qklvkhti0nlzh',
      ttl: 3600,
      metadata_ttl: 7199,
      secret_ttl: 3599,
      state: 'viewed',
      updated: 1795388478,
      created: 1795388476,
      recipient: [],
      share_domain: '',
      value: 'hello anon',
      passphrase_required: false,
    });
    expect(JSON.stringify(fields)).not.toContain('hello anon');
    expect(fields.state).toBe('viewed');
  });

  it('reads a received receipt without secret_key, secret_ttl or passphrase_required (T1#40)', () => {
    const fields = v1.receipt.read({
      custid: 'anon',
      metadata_key: '6cf03q27atxosleep7az8xzd466bl95',
      ttl: 3600,
      metadata_ttl: 7198,
      state: 'received',
      updated: 1795388478,
      created: 1795388476,
      received: 1795388478,
      recipient: [],
      share_domain: '',
    });
    expect(fields).toMatchObject({ state: 'received', received: 1795388478, secretKey: undefined });
  });

  it('reads the burn answer from its nested, stale receipt (T1#48)', () => {
    const fields = v1.burn.read({
      state: {
        custid: 'tester@example.com',
        metadata_key: '57kiz6zbf21rqto5qtp0sy7q1b7y3ya',
        secret_key: '2g5vsiqkeg52x8882aftkxx14ofbbi3',
        ttl: 600,
        metadata_ttl: 1200,
        secret_ttl: null,
        state: 'new',
        updated: 1795388479,
        created: 1795388479,
        recipient: [],
        share_domain: '',
      },
      secret_shortkey: '2g5vsi',
    });
    expect(fields.fields?.receiptKey).toBe('57kiz6zbf21rqto5qtp0sy7q1b7y3ya');
    expect(fields.burned).toBe(true);
  });

  it('reads a reveal (T2#2) and status (T1#1)', () => {
    expect(
      v1.reveal.read({
        value: 'héllo wörld ✓ 🔐\nline2',
        secret_key: '3ypjzeqj0dkrk4rc2hroqwvlz9uxmt6',
        share_domain: 'http://127.0.0.1:7143',
      }),
    ).toEqual({
      value: 'héllo wörld ✓ 🔐\nline2',
      secretKey: '3ypjzeqj0dkrk4rc2hroqwvlz9uxmt6',
      shareDomain: 'http://127.0.0.1:7143',
    });
    expect(v1.status.read({ status: 'nominal', locale: 'en' })).toEqual({ status: 'nominal', locale: 'en' });
  });

  it('refuses answers it cannot read, without quoting them', () => {
    expect(() => v1.receipt.read({ value: 'plaintext!' })).toThrow(/no metadata_key/);
    expect(() => v1.receipt.read({ value: 'plaintext!' })).not.toThrow(/plaintext/);
    expect(() => v1.recent.read({ message: 'x' })).toThrow(/list of receipts/);
    expect(() => v1.reveal.read({ secret_key: 'k' })).toThrow(/no value/);
  });
});
