import { describe, expect, it } from 'vitest';
import { type ReceiptFields, toReceipt } from '../../core/receipt.ts';

const BASE = 'https://secrets.example.com/ots';
const fields = (over: Partial<ReceiptFields> = {}): ReceiptFields => ({
  receiptKey: '3dq3w1kd0wupjv40ckg7mdekonwwbw7',
  secretKey: '66jqiny9zmtdpyoag9zc23wltdy69vi',
  state: 'new',
  ttl: 7200,
  recipients: [],
  created: 1795388162,
  updated: 1795388163,
  ...over,
});

describe('toReceipt', () => {
  it('builds links under the base URL, path prefix included', () => {
    const receipt = toReceipt(fields(), BASE);
    expect(receipt.secretUrl).toBe(`${BASE}/secret/66jqiny9zmtdpyoag9zc23wltdy69vi`);
    expect(receipt.receiptUrl).toBe(`${BASE}/receipt/3dq3w1kd0wupjv40ckg7mdekonwwbw7`);
    expect(receipt.createdAt).toEqual(new Date(1795388162_000));
    expect(receipt.expiresAt).toEqual(new Date((1795388162 + 7200) * 1000));
  });

  it('puts the secret link on the share domain, the receipt link stays on the base URL', () => {
    const receipt = toReceipt(fields({ shareDomain: 'share.example.org' }), BASE);
    expect(receipt.secretUrl).toBe('https://share.example.org/secret/66jqiny9zmtdpyoag9zc23wltdy69vi');
    expect(receipt.receiptUrl.startsWith(BASE)).toBe(true);
    expect(receipt.shareDomain).toBe('share.example.org');
  });

  it('reports a TTL the server changed, and stays quiet when it did not', () => {
    expect(toReceipt(fields({ ttl: 60 }), BASE, 10).ttlAdjusted).toEqual({ requested: 10, granted: 60 });
    expect(toReceipt(fields(), BASE, 7200).ttlAdjusted).toBeUndefined();
    expect(toReceipt(fields(), BASE).ttlAdjusted).toBeUndefined();
  });

  it('drops the secret key and link once the secret is gone', () => {
    for (const state of ['received', 'burned', 'expired', 'orphaned']) {
      const receipt = toReceipt(fields({ state }), BASE);
      expect(receipt.secretKey).toBeUndefined();
      expect(receipt.secretUrl).toBeUndefined();
    }
  });

  it('maps current lifecycle names to the receipt vocabulary and passes unknown states through', () => {
    expect(toReceipt(fields({ state: 'shared' }), BASE).state).toBe('new');
    expect(toReceipt(fields({ state: 'previewed' }), BASE).state).toBe('viewed');
    expect(toReceipt(fields({ state: 'revealed' }), BASE).state).toBe('received');
    expect(toReceipt(fields({ state: 'quarantined' }), BASE).state).toBe('quarantined');
  });
});

describe('toReceipt with hostile fields', () => {
  it('does not resolve a state through inherited object members', () => {
    for (const state of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(toReceipt(fields({ state }), 'https://ots.example').state).toBe(state);
    }
  });

  it('takes only a host name as share domain, never text that would reshape the link', () => {
    const link = (shareDomain: string) => toReceipt(fields({ shareDomain }), 'https://ots.example').secretUrl;
    expect(link('secrets.example.com')).toMatch(/^https:\/\/secrets\.example\.com\/secret\//);
    expect(link('evil.example/x) [click](https://evil')).toMatch(/^https:\/\/ots\.example\/secret\//);
    expect(link('a.example\n::error::x')).toMatch(/^https:\/\/ots\.example\/secret\//);
  });
});
