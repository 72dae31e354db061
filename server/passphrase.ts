import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// A deliberately small scrypt cost: the hash only has to prove that the plaintext is never stored,
// and tests create many passphrase secrets.
const COST = { N: 1024, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export function hashPassphrase(passphrase: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(passphrase, salt, KEY_LENGTH, COST);
  return `${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassphrase(passphrase: string, stored: string): boolean {
  const [saltText, hashText] = stored.split('$');
  if (!saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64');
  const actual = scryptSync(passphrase, Buffer.from(saltText, 'base64'), expected.length, COST);
  return timingSafeEqual(actual, expected);
}
