import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SYMBOLS = '!@#$%^&*()_+-=[]{}|:;"\'<>,.?/~`';
const AMBIGUOUS = new Set(['i', 'l', 'o', '1', 'I', 'O', '0']);

export const DEFAULT_PASSWORD_LENGTH = 12;

export interface CharacterSets {
  uppercase: boolean;
  lowercase: boolean;
  numbers: boolean;
  symbols: boolean;
  excludeAmbiguous: boolean;
}

export const DEFAULT_CHARACTER_SETS: CharacterSets = {
  uppercase: true,
  lowercase: true,
  numbers: true,
  symbols: true,
  excludeAmbiguous: true,
};

function pick(chars: string): string {
  return chars[randomInt(chars.length)] ?? '';
}

/** Like OTS's strand(): at least one character of every enabled class, the rest from their union. */
export function generatePassword(length: number, sets: CharacterSets = DEFAULT_CHARACTER_SETS): string {
  const strip = (chars: string) =>
    sets.excludeAmbiguous ? [...chars].filter((c) => !AMBIGUOUS.has(c)).join('') : chars;
  const classes = [
    sets.uppercase ? strip(UPPER) : '',
    sets.lowercase ? strip(LOWER) : '',
    sets.numbers ? strip(DIGITS) : '',
    sets.symbols ? SYMBOLS : '',
  ].filter((c) => c !== '');
  // With every class switched off the real server still produces something; fall back to letters.
  if (classes.length === 0) classes.push(strip(LOWER));
  const all = classes.join('');
  const chars = classes.slice(0, length).map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return !['false', '0', 'no', 'off'].includes(String(value).toLowerCase());
}

/** Reads character_sets[...] params (form or JSON); unknown keys are ignored like the real server does. */
export function characterSetsFrom(raw: unknown): CharacterSets {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_CHARACTER_SETS;
  const r = raw as Record<string, unknown>;
  return {
    uppercase: flag(r.uppercase, true),
    lowercase: flag(r.lowercase, true),
    numbers: flag(r.numbers, true),
    symbols: flag(r.symbols, true),
    excludeAmbiguous: flag(r.exclude_ambiguous, true),
  };
}
