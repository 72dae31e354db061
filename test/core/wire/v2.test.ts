// Bodies below are trimmed from real OTS v0.23.6 answers (shared/reference/ots-transcripts, T3), plus the
// field names of current servers (receipt instead of metadata, secret_identifier, lifecycle state names).
import { describe, expect, it } from 'vitest';
import { v2 } from '../../../core/wire/v2.ts';

describe('API v2 requests', () => {
  it('nests create parameters under "secret" and omits unset ones', () => {
    const request = v2.share.request({ secret: 'v2 hello', ttl: 3600, passphrase: 'correcthorse' });
    expect(request).toMatchObject({ method: 'POST', path: '/api/v2/secret/conceal', contentType: 'json' });
    expect(JSON.parse(request.body!)).toEqual({
      secret: { secret: 'v2 hello', ttl: 3600, passphrase: 'correcthorse' },
    });
    expect(JSON.parse(v2.generate.request({ length: 20 }).body!)).toEqual({ secret: { length: 20 } });
  });

  it('sends continue: true on reveal and burn', () => {
    expect(
      JSON.parse(v2.reveal.request({ key: '45i8y4pmlm8r0z10kgs6w6g5ol1jtf9', passphrase: 'pw' }).body!),
    ).toEqual({
      passphrase: 'pw',
      continue: true,
    });
    const burn = v2.burn.request({ key: '5qhfbhks6vpmloisafv412nkc938cfm' });
    expect(burn.path).toBe('/api/v2/receipt/5qhfbhks6vpmloisafv412nkc938cfm/burn');
    expect(JSON.parse(burn.body!)).toEqual({ continue: true });
  });
});

describe('API v2 answers', () => {
  it('reads a v0.23 conceal answer with numbers as numbers (T3#6)', () => {
    const created = v2.share.read({
      success: true,
      custid: 'tester@example.com',
      record: {
        metadata: {
          identifier: '4eju6h8hiv6fcbacsw6h6mz6zka2xdp',
          key: '4eju6h8hiv6fcbacsw6h6mz6zka2xdp',
          state: 'new',
          secret_shortkey: '45i8y4',
          secret_ttl: 3600,
          metadata_ttl: 7200,
          lifespan: 7200,
          created: 1795388480,
          updated: 1795388480,
          has_passphrase: true,
        },
        secret: {
          identifier: '45i8y4pmlm8r0z10kgs6w6g5ol1jtf9',
          state: 'new',
          secret_ttl: 3600,
          lifespan: 3600,
          has_passphrase: true,
        },
        share_domain: null,
      },
      details: { kind: 'conceal', recipient: '', recipient_safe: [] },
    });
    expect(created.fields).toMatchObject({
      receiptKey: '4eju6h8hiv6fcbacsw6h6mz6zka2xdp',
      secretKey: '45i8y4pmlm8r0z10kgs6w6g5ol1jtf9',
      state: 'new',
      ttl: 3600,
      passphraseRequired: true,
      recipients: [],
      created: 1795388480,
    });
    expect(created.fields.shareDomain).toBeUndefined();
  });

  it('reads a receipt with numbers as strings and drops details.secret_value (T3#19)', () => {
    const fields = v2.receipt.read({
      success: true,
      record: {
        identifier: '5qhfbhks6vpmloisafv412nkc938cfm',
        state: 'new',
        secret_ttl: '600',
        metadata_ttl: '1200',
        share_domain: '',
        created: '1795388481',
        updated: '1795388481',
        received: '',
        recipients: '',
        has_passphrase: false,
        secret_key: '1v1ax7ehwh9z4u751tl8vq36zifm2e6',
        expiration: 1795389081,
      },
      details: { secret_value: 'v2 anon', show_secret: true },
    });
    expect(fields).toEqual({
      receiptKey: '5qhfbhks6vpmloisafv412nkc938cfm',
      secretKey: '1v1ax7ehwh9z4u751tl8vq36zifm2e6',
      state: 'new',
      ttl: 600,
      passphraseRequired: false,
      recipients: [],
      shareDomain: undefined,
      created: 1795388481,
      updated: 1795388481,
      received: undefined,
    });
    expect(JSON.stringify(fields)).not.toContain('v2 anon');
  });

  it('finds the secret key of a viewed v0.23 receipt in share_path (T3#20), and none once it is gone (T3#18)', () => {
    const viewed = v2.receipt.read({
      success: true,
      record: {
        identifier: '5qhfbhks6vpmloisafv412nkc938cfm',
        state: 'viewed',
        secret_ttl: '600',
        share_path: 'secret/1v1ax7ehwh9z4u751tl8vq36zifm2e6',
        share_url: 'http://127.0.0.1:7143/secret/1v1ax7ehwh9z4u751tl8vq36zifm2e6',
      },
    });
    expect(viewed.secretKey).toBe('1v1ax7ehwh9z4u751tl8vq36zifm2e6');
    const received = v2.receipt.read({
      success: true,
      record: { identifier: '4eju6h8hiv6fcbacsw6h6mz6zka2xdp', state: 'received', share_path: 'secret/' },
    });
    expect(received.secretKey).toBeUndefined();
  });

  it('reads a current-server receipt envelope and its field names', () => {
    const created = v2.share.read({
      success: true,
      record: {
        receipt: {
          identifier: 'r'.repeat(62),
          secret_identifier: 's'.repeat(62),
          state: 'shared',
          secret_ttl: 3600,
          has_passphrase: 'false',
          created: 1795388480.25,
          recipients: 'so*****@e*****.com',
          share_domain: 'secrets.example.com',
        },
        secret: { identifier: 's'.repeat(62), lifespan: 3600 },
        share_domain: 'secrets.example.com',
      },
    });
    expect(created.fields).toMatchObject({
      receiptKey: 'r'.repeat(62),
      secretKey: 's'.repeat(62),
      state: 'shared',
      passphraseRequired: false,
      recipients: ['so*****@e*****.com'],
      shareDomain: 'secrets.example.com',
      created: 1795388480.25,
    });
  });

  it('reads a reveal (T3#16) and the recent list (T3#21)', () => {
    expect(
      v2.reveal.read({
        success: true,
        record: {
          identifier: '45i8y4pmlm8r0z10kgs6w6g5ol1jtf9',
          state: 'received',
          secret_value: 'v2 hello',
        },
        details: { continue: true, show_secret: true },
      }),
    ).toEqual({ value: 'v2 hello', secretKey: '45i8y4pmlm8r0z10kgs6w6g5ol1jtf9' });
    const list = v2.recent.read({
      success: true,
      count: 1,
      records: [{ identifier: '4eju6h8hiv6fcbacsw6h6mz6zka2xdp', state: 'received', received: '1795388481' }],
    });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ state: 'received', received: 1795388481 });
  });

  it('refuses envelopes without a record', () => {
    expect(() => v2.receipt.read({ success: true })).toThrow(/has no record/);
    expect(() => v2.share.read({ record: {} })).toThrow(/has no receipt/);
  });

  it('reads main-de53ff8 burn answers: the pre-burn record on success, nothing at all once the secret is gone', () => {
    // v2 #25: success with the receipt as loaded before the burn (state new, float timestamps, owner_id).
    const first = v2.burn.read({
      success: true,
      record: {
        identifier: '925ot7120o8ywikkn9o3ah54k4i5ny1tj27ohf4aeg63flftwxeiscgw9copzt',
        custid: null,
        owner_id: '01a2322b-4fc0-74db-87eb-35c677a218f9',
        state: 'new',
        secret_identifier: '67hhdfk31qnqydd4hswu30z2ktvhi5ya40rcb6dx1jnl7fkj9ohujatjrwrli2',
        secret_ttl: 600,
        created: 1796138035.68465,
        updated: 1796138035.68466,
        is_burned: false,
      },
      details: { view_count: 0 },
    });
    expect(first.burned).toBe(true);
    expect(first.fields).toMatchObject({ state: 'new', ttl: 600, created: 1796138035.68465 });
    // v2 #31, #32, #37: a second burn.
    expect(v2.burn.read({ success: true })).toEqual({ burned: false });
    expect(() => v2.burn.read({ success: false })).toThrow(/has no record/);
    expect(() => v2.burn.read({})).toThrow(/has no record/);
  });
});
