// Keys and links: anything that holds an OTS key (a bare key, or a secret/receipt link from any host) → the key.
import { OtsInputError } from './errors/kinds.ts';
import { shortenKey } from './errors/redact.ts';

export type KeyKind = 'secret' | 'receipt';

const KEY = /^[0-9a-z]+$/;
const KIND_OF_SEGMENT: Record<string, KeyKind> = {
  secret: 'secret',
  receipt: 'receipt',
  private: 'receipt',
  metadata: 'receipt',
};
const SHAPE = 'a key is 31 (OTS ≤ v0.23) or 62+ (v0.24+) characters of 0-9 and a-z';

/**
 * The bare key from a key or a full link (any host or port, /secret/, /receipt/, /private/, /metadata/). With
 * `expected`, a link of the other kind is refused (a secret link where a receipt is needed, or the reverse).
 */
export function parseKey(keyOrUrl: string, inputName = 'key', expected?: KeyKind): string {
  return parseKeyInput(keyOrUrl, inputName, expected).key;
}

/** The key, and `kind`: what the link said the key is, when it was a link. */
export function parseKeyInput(keyOrUrl: unknown, inputName = 'key', expected?: KeyKind) {
  const fail = (problem: string) => new OtsInputError(`${inputName}: ${problem}`, { field: inputName });
  if (typeof keyOrUrl !== 'string' || keyOrUrl.trim() === '') throw fail('a key or an OTS link is required.');
  const text = keyOrUrl.trim();
  const { key, kind } = text.includes('/') ? fromLink(text, fail) : { key: text, kind: undefined };
  if (!KEY.test(key)) {
    throw fail(`not a valid OTS key${/^[0-9a-zA-Z]+$/.test(key) ? ' (keys are lowercase)' : ''}; ${SHAPE}.`);
  }
  if (key.length !== 31 && key.length < 62) {
    throw fail(`key ${shortenKey(key)} has ${key.length} characters; ${SHAPE}. Was it cut off when copied?`);
  }
  if (expected !== undefined && kind !== undefined && kind !== expected) {
    const needed = `this call needs the ${expected} link or key`;
    throw fail(`that is a ${kind} link (key ${shortenKey(key)}), but ${needed}.`);
  }
  return kind === undefined ? { key } : { key, kind };
}

function fromLink(text: string, fail: (problem: string) => OtsInputError) {
  const url = URL.parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/+/, '')}`);
  if (url === null) throw fail('not a key and not a readable link.');
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // The last marker wins, so /api/v1/private/<key>/burn and /ots/secret/<key> both work.
  for (let i = segments.length - 2; i >= 0; i--) {
    const kind = KIND_OF_SEGMENT[segments[i] as string];
    if (kind !== undefined) return { key: segments[i + 1] as string, kind };
  }
  const last = segments.at(-1);
  if (last !== undefined && KEY.test(last)) return { key: last };
  throw fail('the link has no /secret/<key> or /receipt/<key> path; pass the key or the link OTS gave you.');
}
