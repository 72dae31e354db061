import { describe, expect, it } from 'vitest';
import { OtsInputError } from '../../core/errors/kinds.ts';
import { formatDuration, parseTtl } from '../../core/ttl.ts';

describe('parseTtl', () => {
  it.each([
    [3600, 3600],
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['7d', 604_800],
    ['1w', 604_800],
    ['1h30m', 5400],
    [' 2H ', 7200],
  ])('reads %j as %i seconds', (input, seconds) => {
    expect(parseTtl(input)).toBe(seconds);
  });

  it.each([
    0,
    -5,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    '0',
    'abc',
    '5 minutes',
    '-1h',
    '1.5h',
    '2x',
    'h',
  ])('refuses %j, naming the input and what is accepted', (input) => {
    const error = (() => {
      try {
        parseTtl(input as number | string, 'options.ttl');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OtsInputError);
    expect((error as OtsInputError).field).toBe('options.ttl');
    expect((error as Error).message).toMatch(/^options\.ttl: .* use a positive whole number of seconds/);
  });

  it('refuses values of other types', () => {
    expect(() => parseTtl(null as unknown as number)).toThrow(/ttl: a value of type null/);
  });
});

it('does not quote text that does not look like a duration (it may be a misplaced secret)', () => {
  expect(() => parseTtl('hunter2!&$ very secret')).toThrow(
    /ttl: the given text \(22 characters\) is not a valid TTL/,
  );
});

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
