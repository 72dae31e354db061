import { describe, expect, it } from 'vitest';
import { createClock } from '../../server/clock.ts';
import { paramsFromPairs } from '../../server/http/params.ts';
import { RequestLog } from '../../server/http/request-log.ts';
import { hashPassphrase, verifyPassphrase } from '../../server/passphrase.ts';
import { characterSetsFrom, DEFAULT_CHARACTER_SETS, generatePassword } from '../../server/password.ts';
import { obscureEmail, recipientList } from '../../server/recipients.ts';
import { resolveTtl, rubyToI } from '../../server/ttl.ts';
import { shellWords } from './transcripts/shell-words.ts';

describe('ttl', () => {
  it("parses like Ruby's String#to_i", () => {
    expect(['abc', '12abc', '1e9', '-7', ' 42', '', '0x1f', '1_000'].map(rubyToI)).toEqual([
      0, 12, 1, -7, 42, 0, 0, 1000,
    ]);
    expect([3.9, Number.NaN, Number.POSITIVE_INFINITY, true, null, [], {}].map(rubyToI)).toEqual([
      3, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('defaults only a missing ttl, clamps everything else into [60, max]', () => {
    expect(resolveTtl(undefined, 604800)).toBe(604800);
    expect(resolveTtl(undefined, 3600)).toBe(3600);
    expect(resolveTtl('', 604800)).toBe(60);
    expect(resolveTtl('0', 604800)).toBe(60);
    expect(resolveTtl('59', 604800)).toBe(60);
    expect(resolveTtl('61', 604800)).toBe(61);
    expect(resolveTtl('99999999', 1209600)).toBe(1209600);
  });
});

describe('generated passwords', () => {
  it('default: 12 characters with an upper, a lower, a digit and a symbol, never a look-alike', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(12);
      expect(password).toHaveLength(12);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[^A-Za-z0-9]/);
      expect(password).not.toMatch(/[ilo1IO0]/);
    }
  });

  it('honours switched-off classes and keeps look-alikes when asked to', () => {
    const sets = {
      uppercase: false,
      lowercase: true,
      numbers: true,
      symbols: false,
      exclude_ambiguous: false,
    };
    const joined = Array.from({ length: 100 }, () => generatePassword(20, sets)).join('');
    expect(joined).toMatch(/^[a-z0-9]+$/);
    expect(joined).toMatch(/[ilo01]/);
  });

  it('gives one character per class even below that many characters, as OTS does', () => {
    expect(generatePassword(2)).toHaveLength(4);
    expect(
      generatePassword(1, { ...DEFAULT_CHARACTER_SETS, uppercase: false, symbols: false, numbers: false }),
    ).toHaveLength(1);
  });

  it('reads character_sets with Ruby truthiness: only false and null switch a class off', () => {
    const sets = characterSetsFrom({ uppercase: 'false', symbols: false, numbers: null });
    expect(sets).toMatchObject({ uppercase: 'false', symbols: false, numbers: null, lowercase: true });
    const joined = Array.from({ length: 50 }, () => generatePassword(30, sets)).join('');
    expect(joined).toMatch(/[A-Z]/);
    expect(joined).not.toMatch(/[0-9]/);
    expect(joined).not.toMatch(/[^A-Za-z]/);
  });
});

describe('recipients', () => {
  it('obscures addresses like the real server', () => {
    expect(obscureEmail('someone@example.com')).toBe('so*****@e*****.com');
    expect(obscureEmail('a@b.co.uk')).toBe('a*****@b*****.uk');
  });

  it('accepts one address or a list, dropping empties and duplicates', () => {
    expect(recipientList('x@y.z')).toEqual(['x@y.z']);
    expect(recipientList(['', 'x@y.z', 'x@y.z', ' '])).toEqual(['x@y.z']);
    expect(recipientList(undefined)).toEqual([]);
    expect(recipientList({ a: 'x@y.z' })).toEqual([]);
  });
});

describe('passphrases', () => {
  it('are kept only as a salted scrypt hash that verifies the right passphrase alone', () => {
    const stored = hashPassphrase('correcthorse');
    expect(stored).not.toContain('correcthorse');
    expect(Buffer.from(stored.split('$')[1] ?? '', 'base64').toString('latin1')).not.toContain(
      'correcthorse',
    );
    expect(hashPassphrase('correcthorse')).not.toBe(stored);
    expect(verifyPassphrase('correcthorse', stored)).toBe(true);
    expect(verifyPassphrase('correcthorsE', stored)).toBe(false);
    expect(verifyPassphrase('', stored)).toBe(false);
    expect(verifyPassphrase('x', 'garbage')).toBe(false);
  });
});

describe('Rack-style parameters', () => {
  it('nests brackets into objects and lists', () => {
    const params = paramsFromPairs([
      ['secret[secret]', 'a'],
      ['secret[ttl]', '5'],
      ['recipient[]', 'x'],
      ['recipient[]', 'y'],
      ['character_sets[symbols]', 'false'],
      ['plain', 'p'],
      ['[odd', 'o'],
    ]);
    expect(JSON.parse(JSON.stringify(params))).toEqual({
      secret: { secret: 'a', ttl: '5' },
      recipient: ['x', 'y'],
      character_sets: { symbols: 'false' },
      plain: 'p',
      '[odd': 'o',
    });
  });

  it('lets a later flat value replace an earlier one, as Rack does', () => {
    expect(
      paramsFromPairs([
        ['a', '1'],
        ['a', '2'],
      ]).a,
    ).toBe('2');
  });
});

describe('shell words of the recorded curl commands', () => {
  it("handles '…', $'…', \"…\" and backslash escapes", () => {
    expect(shellWords(`curl -d 'a b' $'x\\ny' "q\\"r" s\\ t \\{\\"k\\":1\\}`)).toEqual([
      'curl',
      '-d',
      'a b',
      'x\ny',
      'q"r',
      's t',
      '{"k":1}',
    ]);
  });
});

describe('RequestLog', () => {
  const entry = (n: number) => ({ method: 'GET', path: `/p/${n}`, hasAuth: false });

  it('keeps the newest entries up to its size, oldest first, and counts every request', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 5; n++) log.push(entry(n));
    expect(log.map((e) => e.path)).toEqual(['/p/3', '/p/4', '/p/5']);
    expect([log.length, log.total]).toEqual([3, 5]);
    expect(log.slice(1).map((e) => e.path)).toEqual(['/p/4', '/p/5']);
    log.length = 0;
    expect([log.length, log.total, [...log]]).toEqual([0, 5, []]);
  });

  it('shortens huge paths and refuses a size below 1', () => {
    const log = new RequestLog(1);
    log.push({ method: 'GET', path: `/${'x'.repeat(10_000)}`, hasAuth: false });
    expect(log.at(0)?.path.length).toBe(2_049);
    expect(() => new RequestLog(0)).toThrow('requestLogSize must be a whole number of at least 1, got 0');
  });
});

describe('clock stamps (main float timestamps)', () => {
  it('are strictly increasing, never whole, and inside the current second', () => {
    const clock = createClock(1_796_138_031, 'manual');
    const stamps = Array.from({ length: 10_000 }, () => clock.stamp());
    expect(stamps.every((s, i) => i === 0 || s > (stamps[i - 1] as number))).toBe(true);
    expect(stamps.some(Number.isInteger)).toBe(false);
    expect(new Set(stamps.map(Math.floor))).toEqual(new Set([1_796_138_031]));
    clock.advance(1);
    expect(Math.floor(clock.stamp())).toBe(1_796_138_032);
  });
});
