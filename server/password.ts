import { randomInt } from 'node:crypto';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const SYMBOLS = '!@#$%^&*()_+-=[]{}|:;"\'<>,.?/~`';
const AMBIGUOUS = new Set(['i', 'l', 'o', '1', 'I', 'O', '0']);
const CLASSES = { uppercase: UPPER, lowercase: LOWER, numbers: DIGITS, symbols: SYMBOLS } as const;

export const DEFAULT_PASSWORD_LENGTH = 12;

/**
 * character_sets as the request sent them, over OTS's defaults (all on, look-alikes excluded).
 * Values keep their Ruby meaning: only false and null switch a class off, so a form field
 * "false" (a string) leaves it on, as on the real server.
 */
export type CharacterSets = Record<
  'uppercase' | 'lowercase' | 'numbers' | 'symbols' | 'exclude_ambiguous',
  unknown
>;

export const DEFAULT_CHARACTER_SETS: CharacterSets = {
  uppercase: true,
  lowercase: true,
  numbers: true,
  symbols: true,
  exclude_ambiguous: true,
};

const truthy = (value: unknown) => value !== false && value !== null && value !== undefined;

function pick(chars: string): string {
  return chars[randomInt(chars.length)] ?? '';
}

/**
 * OTS's strand(): characters from every enabled class; when two or more classes are switched on
 * with a real `true`, at least one of each enabled class (so a length below the number of classes
 * still yields one character per class, as OTS does).
 */
export function generatePassword(length: number, sets: CharacterSets = DEFAULT_CHARACTER_SETS): string {
  const strip = (chars: string) =>
    truthy(sets.exclude_ambiguous) ? [...chars].filter((c) => !AMBIGUOUS.has(c)).join('') : chars;
  const names = (Object.keys(CLASSES) as Array<keyof typeof CLASSES>).filter((name) => truthy(sets[name]));
  let all = strip(names.map((name) => CLASSES[name]).join(''));
  if (all === '') all = strip(UPPER + LOWER + DIGITS);
  const strictlyOn = (Object.keys(CLASSES) as Array<keyof typeof CLASSES>).filter(
    (name) => sets[name] === true,
  );
  const chars = strictlyOn.length >= 2 ? names.map((name) => pick(strip(CLASSES[name]))) : [];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** Merges the request's character_sets (form or JSON) over the defaults; anything else is ignored. */
export function characterSetsFrom(raw: unknown): CharacterSets {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return DEFAULT_CHARACTER_SETS;
  const given = raw as Record<string, unknown>;
  const sets = { ...DEFAULT_CHARACTER_SETS };
  for (const key of Object.keys(sets) as Array<keyof CharacterSets>) {
    if (key in given) sets[key] = given[key];
  }
  // The old spelling still works.
  if (!truthy(sets.exclude_ambiguous) && 'unambiguous' in given) sets.exclude_ambiguous = given.unambiguous;
  return sets;
}
