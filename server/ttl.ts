export const DEFAULT_TTL = 604_800;
export const MIN_TTL = 60;
export const ANONYMOUS_MAX_TTL = 604_800;
const DAY = 86_400;

export type Plan = 'anonymous' | 'basic' | 'identity' | 'paid';

export const PLAN_MAX_TTL: Record<Plan, number> = {
  anonymous: ANONYMOUS_MAX_TTL,
  basic: 14 * DAY,
  identity: 30 * DAY,
  paid: 30 * DAY,
};

/**
 * Ruby's String#to_i: the leading integer of the text, 0 when there is none ("abc" → 0, "12abc" → 12,
 * "1e9" → 1). The real server parses ttl this way, so absurd input never fails; it is clamped.
 */
export function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean' || value === null || value === undefined) return 0;
  if (typeof value !== 'string') return 0;
  const match = /^\s*([+-]?\d+)/.exec(value.replaceAll('_', ''));
  if (!match?.[1]) return 0;
  const parsed = Number(match[1]);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** Only a missing ttl gets the default; "", 0, junk and negatives are clamped up to the minimum. */
export function resolveTtl(raw: unknown, maxTtl: number): number {
  if (raw === undefined || raw === null) return Math.min(DEFAULT_TTL, maxTtl);
  const ttl = rubyToI(raw);
  return Math.max(MIN_TTL, Math.min(ttl, maxTtl));
}
