import { describe, expect, it } from 'vitest';
import { header, parseRetryAfter } from '../../../core/http/headers.ts';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(
      parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1)),
    ).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('header', () => {
  it('takes the first of a repeated header', () => {
    expect(header({ 'retry-after': ['3', '9'] }, 'retry-after')).toBe('3');
    expect(header({ 'retry-after': '5' }, 'retry-after')).toBe('5');
    expect(header({}, 'retry-after')).toBeUndefined();
  });
});
