/**
 * Splits a query string or form body into name/value pairs the way Rack does: on each separator
 * plus the spaces after it (`a=1& b=2` names `b`), skipping empty pieces, decoding `+` and %XX.
 * Rack 2 (v0.23) splits query strings on `;` as well as `&`; Rack 3 (main) and form bodies on `&`.
 */
export function rackPairs(text: string, separators: '&' | '&;'): Array<[string, string]> {
  const split = separators === '&;' ? /[&;] */ : /& */;
  const pairs: Array<[string, string]> = [];
  for (const piece of text.split(split)) {
    if (piece === '') continue;
    // The piece holds no `&` any more, so URLSearchParams sees exactly one pair and decodes it like
    // a browser would (`+`, %XX; a malformed escape stays as written, broken UTF-8 becomes U+FFFD).
    for (const pair of new URLSearchParams(piece)) pairs.push(pair);
  }
  return pairs;
}
