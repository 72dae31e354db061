import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_LENGTH, generatePassword } from '../../core/password.ts';

describe('generatePassword', () => {
  it('has the asked length and one character of each class', () => {
    for (const length of [4, 12, DEFAULT_PASSWORD_LENGTH, 128]) {
      for (let i = 0; i < 50; i++) {
        const password = generatePassword(length);
        expect(password).toHaveLength(length);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[0-9]/);
        expect(password).toMatch(/[^A-Za-z0-9]/);
      }
    }
  });

  it('avoids look-alikes and characters that break when pasted into a shell', () => {
    const sample = Array.from({ length: 200 }, () => generatePassword(64)).join('');
    expect(sample).not.toMatch(/[0O1lI'"`\\<>| ]/);
  });

  it('does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword()));
    expect(seen.size).toBe(1000);
  });
});
