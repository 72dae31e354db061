// Everything secret this run has seen (value, passphrase, token, keys given as arguments). Core errors are already
// redacted; this is the second line of defence for messages the CLI prints itself, e.g. from a file system error.
export class Sensitive {
  readonly #values = new Set<string>();

  add(...values: Array<string | undefined>): void {
    // One- and two-character values would shred ordinary words without protecting anything.
    for (const value of values) if (value !== undefined && value.length >= 3) this.#values.add(value);
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a value containing another is replaced whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join('[redacted]');
    }
    return out;
  }
}
