// What may appear in an error message. Keys are shortened; anything the caller told us is sensitive is cut out;
// text that came from outside (server messages, socket errors) is also scrubbed of anything key-shaped.

/** 'abcd…': enough to tell keys apart in a log, too little to use one. */
export function shortenKey(key: string): string {
  return `${key.slice(0, 4)}…`;
}

// OTS keys are long runs of [0-9a-z]; English words and host names are not.
const KEY_SHAPED = /[0-9a-z]{20,}/g;

/** Replaces every sensitive value in `text`, then shortens anything that looks like a key. */
export function redact(text: string, sensitive: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const value of sensitive) {
    // One- and two-character values would shred ordinary words without protecting anything.
    if (value !== undefined && value.length >= 3) out = out.split(value).join('[redacted]');
  }
  return out.replace(KEY_SHAPED, shortenKey);
}

/** External text for a message: redacted, single line, bounded. */
export function quoteExternal(text: string, sensitive?: ReadonlyArray<string | undefined>): string {
  const flat = redact(text, sensitive).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
