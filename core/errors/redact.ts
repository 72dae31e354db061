// What may appear in an error message. Keys are shortened; anything the caller told us is sensitive is cut out;
// text that came from outside (server messages, socket errors) is also scrubbed of anything key-shaped.
import type { Sensitive } from './ots-error.ts';

/** 'abcd…': enough to tell keys apart in a log, too little to use one. */
export function shortenKey(key: string): string {
  return `${key.slice(0, 4)}…`;
}

// OTS keys are long runs of [0-9a-z]; English words and host names are not.
const KEY_SHAPED = /[0-9a-z]{20,}/g;

// One- and two-character values would shred ordinary words without protecting anything.
const MIN_REDACTED_LENGTH = 3;

/**
 * Every spelling in which a value can come back from a server or proxy that quotes the request: as sent (raw,
 * form-encoded, JSON-escaped), URL-encoded, base64 (at each of the three byte alignments it can have inside a
 * longer base64 text), and each line of a multi-line value in the same forms. Longest first, so a longer form is
 * replaced before a shorter one inside it.
 */
export function sensitiveForms(value: string, minLength = MIN_REDACTED_LENGTH): string[] {
  const lines = value.split(/\r\n|\r|\n/);
  const parts = (lines.length > 1 ? [value, ...lines] : [value]).filter((part) => part.length >= minLength);
  const forms = parts.flatMap((part) => [
    part,
    encodeURIComponent(part),
    new URLSearchParams({ v: part }).toString().slice(2),
    JSON.stringify(part).slice(1, -1),
  ]);
  const unique = new Set([...forms, ...base64Forms(value)]);
  return [...unique].filter((form) => form.length >= minLength).sort((a, b) => b.length - a.length);
}

function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length < 6) return [];
  return [0, 1, 2].flatMap((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters that also carry bits of the bytes around the value are not part of its stable spelling.
    const stable = encoded.slice(shift === 0 ? 0 : 4, (shift + bytes.length) % 3 === 0 ? undefined : -4);
    const forms = stable.length >= 8 ? [stable, stable.replace(/\+/g, '-').replace(/\//g, '_')] : [];
    return shift === 0 ? [...forms, encoded] : forms;
  });
}

/** Replaces every sensitive value, in every spelling it may come back in, then shortens anything that looks like a key. */
export function redact(text: string, sensitive: Sensitive = []): string {
  let out = text;
  for (const value of sensitive) {
    if (value === undefined || value.length < MIN_REDACTED_LENGTH) continue;
    for (const form of sensitiveForms(value)) out = out.split(form).join('[redacted]');
  }
  return out.replace(KEY_SHAPED, shortenKey);
}

// Long enough that a random request id almost never shares it with a secret by chance, short enough to leak little.
const PIECE = 6;

/**
 * True when `token` could carry part of a sensitive value: redact() would change it, or it shares a run of
 * PIECE characters with any spelling of one. redact() only finds whole values, but a server can send back a piece
 * of the token, the Authorization header or the secret as a short token of its own (e.g. a request id).
 */
export function carriesSensitive(token: string, sensitive: Sensitive): boolean {
  if (redact(token, sensitive) !== token) return true;
  const forms = sensitive.flatMap((value) =>
    value === undefined || value.length < MIN_REDACTED_LENGTH ? [] : sensitiveForms(value),
  );
  const run = Math.min(PIECE, token.length);
  for (let at = 0; at + run <= token.length; at++) {
    const piece = token.slice(at, at + run);
    if (forms.some((form) => form.includes(piece))) return true;
  }
  return false;
}

/** External text for a message: redacted, single line, bounded. */
export function quoteExternal(text: string, sensitive?: Sensitive): string {
  const flat = redact(text, sensitive).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
