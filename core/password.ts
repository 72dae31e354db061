// Passwords for generate() when the server cannot make them for us: apiVersion pinned to 'v2', or API v1 not
// served under 'auto'. v2's generate answer never carries the value (servers show it once on the receipt page,
// and v0.23 not at all when a passphrase is set), so the client makes the password itself with node:crypto and
// conceals it: the same one-time secret, without a fragile second read.
import { randomInt } from 'node:crypto';
import { RULES } from './rules.ts';

// No look-alikes (0 O 1 l I) and no quotes, backslashes or backticks that break when pasted into a shell.
const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!#$%&*+-=?@^_~'];
const ALL = CLASSES.join('');

export const DEFAULT_PASSWORD_LENGTH = RULES.length.default.client;

/** A random password with at least one character of each class (for length ≥ 4). */
export function generatePassword(length: number = DEFAULT_PASSWORD_LENGTH): string {
  const chars = CLASSES.map((set) => set[randomInt(set.length)] as string);
  while (chars.length < length) chars.push(ALL[randomInt(ALL.length)] as string);
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.slice(0, length).join('');
}
