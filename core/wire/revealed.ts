import type { Revealed } from './api.ts';
import { str } from './read.ts';
import { unexpected } from './unexpected.ts';

/** The fields of a reveal answer, whichever API named them, as one Revealed (or a format error). */
export function toRevealed(
  value: unknown,
  secretKey: unknown,
  shareDomain: unknown,
  valueField: string,
): Revealed {
  const key = str(secretKey);
  if (typeof value !== 'string' || key === undefined) throw unexpected(`the answer has no ${valueField}`);
  const out: Revealed = { value, secretKey: key };
  const domain = str(shareDomain);
  if (domain !== undefined) out.shareDomain = domain;
  return out;
}
