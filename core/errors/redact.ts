// What may appear in an error message. Keys are shortened; anything the caller told us is sensitive is cut out;
// text that came from outside (server messages, socket errors) is also scrubbed of anything key-shaped.

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
  const forms = new Set<string>();
  const lines = value.split(/\r\n|\r|\n/);
  for (const part of lines.length > 1 ? [value, ...lines] : [value]) {
    if (part.length < minLength) continue;
    forms.add(part);
    forms.add(encodeURIComponent(part));
    forms.add(new URLSearchParams({ v: part }).toString().slice(2));
    forms.add(JSON.stringify(part).slice(1, -1));
  }
  for (const form of base64Forms(value)) forms.add(form);
  return [...forms].filter((form) => form.length >= minLength).sort((a, b) => b.length - a.length);
}

function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Characters that also carry bits of the bytes around the value are not part of its stable spelling.
    const start = shift === 0 ? 0 : 4;
    const whole = (shift + bytes.length) % 3 === 0;
    const end = whole ? encoded.length : encoded.length - 4;
    const stable = encoded.slice(start, end);
    if (stable.length >= 8) forms.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
    if (shift === 0) forms.push(encoded);
  }
  return bytes.length >= 6 ? forms : [];
}

/** Replaces every sensitive value, in every spelling it may come back in, then shortens anything that looks like a key. */
export function redact(text: string, sensitive: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const value of sensitive) {
    if (value === undefined || value.length < MIN_REDACTED_LENGTH) continue;
    for (const form of sensitiveForms(value)) out = out.split(form).join('[redacted]');
  }
  return out.replace(KEY_SHAPED, shortenKey);
}

/** External text for a message: redacted, single line, bounded. */
export function quoteExternal(text: string, sensitive?: ReadonlyArray<string | undefined>): string {
  const flat = redact(text, sensitive).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
