const EMAIL = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/**
 * "someone@example.com" → "so*****@e*****.com" (v0.23) or "so***@e***.com" (main, EMAIL_MASK_LENGTH = 3),
 * the way OTS shows recipients back to the sender.
 */
export function obscureEmail(email: string, maskLength = 5): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot >= 0 ? domain.slice(dot) : '';
  const mask = '*'.repeat(maskLength);
  return `${local.slice(0, 2)}${mask}@${domain.slice(0, 1)}${mask}${tld}`;
}

// The pattern OTS scans recipient fields with (a 2-4 letter TLD).
const EMBEDDED_EMAIL = /\b[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,4}\b/;

/** The first address in the text, as OTS extracts it; undefined when there is none. */
export function scanEmail(value: string): string | undefined {
  return EMBEDDED_EMAIL.exec(value)?.[0];
}

/** Accepts a single string, a list (recipient[]=…), or nothing; drops empties and duplicates. */
export function recipientList(raw: unknown): string[] {
  const values = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const emails = values.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  return [...new Set(emails.filter((v) => v !== ''))];
}
