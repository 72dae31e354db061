import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../action/summary.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [90, '1m 30s'],
    [7200, '2h'],
    [604_800, '7d'],
    [93_784, '1d 2h 3m 4s'],
  ])('%i s reads as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
