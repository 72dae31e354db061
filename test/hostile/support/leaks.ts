// Whether a text holds a sensitive value in any spelling a server, proxy or log could give it: written out here
// independently of core's redaction, so a gap there is found rather than mirrored.

export function spellingsOf(value: string): string[] {
  const out = new Set<string>();
  const parts = value.split(/\r\n|\r|\n/);
  for (const part of parts.length > 1 ? [value, ...parts.filter((p) => p.length >= 4)] : [value]) {
    out.add(part);
    out.add(encodeURIComponent(part));
    out.add(new URLSearchParams({ v: part }).toString().slice(2));
    out.add(JSON.stringify(part).slice(1, -1));
  }
  const bytes = Buffer.from(value);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // The middle of the encoding, which does not depend on the bytes around the value.
    out.add(encoded.slice(4, -4));
  }
  return [...out].filter((s) => s.length >= 4);
}

/** The spellings of `values` found in `text`, to show in a failed assertion. */
export function leaksIn(text: string, values: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const spelling of spellingsOf(value)) if (text.includes(spelling)) found.push(spelling);
  }
  return found;
}
