import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, RETRY_STATUSES, retryDelayMs } from '../../../core/http/retry.ts';

describe('retryDelayMs', () => {
  it('backs off exponentially with jitter, capped', () => {
    for (let i = 0; i < 100; i++) {
      const first = retryDelayMs(1)!;
      const third = retryDelayMs(3)!;
      const tenth = retryDelayMs(10)!;
      expect(first).toBeGreaterThanOrEqual(100);
      expect(first).toBeLessThanOrEqual(200);
      expect(third).toBeGreaterThanOrEqual(400);
      expect(third).toBeLessThanOrEqual(800);
      expect(tenth).toBeLessThanOrEqual(5_000);
    }
  });

  it('follows Retry-After, and leaves a long one to the caller', () => {
    expect(retryDelayMs(1, '2')).toBe(2_000);
    expect(retryDelayMs(1, '0')).toBe(0);
    expect(retryDelayMs(1, String(MAX_RETRY_AFTER_MS / 1000 + 1))).toBeUndefined();
  });

  it('retries only rate limiting and failed gateways', () => {
    expect([...RETRY_STATUSES].sort()).toEqual([429, 502, 503, 504]);
  });
});
