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

export interface ParsedKey {
  key: string;
  /** What the link said the key is, when it was a link. */
  kind?: KeyKind;
}

/**
 * The bare key from a key or a full link (any host or port, /secret/, /receipt/, /private/, /metadata/). With
 * `expected`, a link of the other kind is refused (a secret link where a receipt is needed, or the reverse).
 */
export function parseKey(keyOrUrl: string, inputName = 'key', expected?: KeyKind): string {
  return parseKeyInput(keyOrUrl, inputName, expected).key;
}

export function parseKeyInput(keyOrUrl: unknown, inputName = 'key', expected?: KeyKind): ParsedKey {
  if (typeof keyOrUrl !== 'string' || keyOrUrl.trim() === '') {
    throw new OtsInputError(`${inputName}: a key or an OTS link is required.`, { field: inputName });
  }
  const text = keyOrUrl.trim();
  const parsed = text.includes('/') ? fromLink(text, inputName) : { key: text };
  checkShape(parsed.key, inputName);
  if (expected !== undefined && parsed.kind !== undefined && parsed.kind !== expected) {
    throw new OtsInputError(
      `${inputName}: that is a ${parsed.kind} link (key ${shortenKey(parsed.key)}), but this call needs the ${expected} link or key.`,
      { field: inputName },
    );
  }
  return parsed;
}

function fromLink(text: string, inputName: string): ParsedKey {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/+/, '')}`);
  } catch {
    throw new OtsInputError(`${inputName}: not a key and not a readable link.`, { field: inputName });
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // The last marker wins, so /api/v1/private/<key>/burn and /ots/secret/<key> both work.
  for (let i = segments.length - 2; i >= 0; i--) {
    const kind = KIND_OF_SEGMENT[segments[i] as string];
    if (kind !== undefined) return { key: segments[i + 1] as string, kind };
  }
  const last = segments.at(-1);
  if (last !== undefined && KEY.test(last)) return { key: last };
  throw new OtsInputError(
    `${inputName}: the link has no /secret/<key> or /receipt/<key> path; pass the key or the link OTS gave you.`,
    { field: inputName },
  );
}

function checkShape(key: string, inputName: string): void {
  if (!KEY.test(key)) {
    const hint = /^[0-9a-zA-Z]+$/.test(key) ? ' (keys are lowercase)' : '';
    throw new OtsInputError(`${inputName}: not a valid OTS key${hint}; ${SHAPE}.`, { field: inputName });
  }
  if (key.length !== 31 && key.length < 62) {
    throw new OtsInputError(
      `${inputName}: key ${shortenKey(key)} has ${key.length} characters; ${SHAPE}. Was it cut off when copied?`,
      { field: inputName },
    );
  }
}
