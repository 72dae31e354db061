import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Lowercase base-36 identifier, the shape of OTS secret and receipt keys (31 chars up to v0.23, 62 after). */
export function generateKey(length: number): string {
  let key = '';
  for (let i = 0; i < length; i++) key += ALPHABET[randomInt(ALPHABET.length)];
  return key;
}

/** The CSRF token ("shrimp") v0.23 puts in form errors; only its shape matters to clients. */
export function generateShrimp(): string {
  return generateKey(50);
}

/** main's error correlation id (X-Request-Id, and request_id in error bodies): 13 base-36 characters. */
export function generateRequestId(): string {
  return generateKey(13);
}
