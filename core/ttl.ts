// TTLs as people write them ("15m", "7d", "1h30m") turned into the whole seconds OTS wants.
import { OtsInputError } from './errors/kinds.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;
const ACCEPTED =
  'a positive whole number of seconds (3600) or a duration such as 90s, 15m, 2h, 7d, 1w or 1h30m';

/** Seconds from a number of seconds or a duration string; OtsInputError naming `inputName` otherwise. */
export function parseTtl(input: number | string, inputName = 'ttl'): number {
  const seconds = typeof input === 'number' ? input : fromString(input);
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new OtsInputError(`${inputName}: ${describe(input)} is not a valid TTL; use ${ACCEPTED}.`, {
      field: inputName,
    });
  }
  return seconds;
}

function fromString(input: unknown): number | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim().toLowerCase();
  if (/^\d+$/.test(text)) return Number(text);
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_SECONDS[unit as string]!;
  return total;
}

function describe(input: unknown): string {
  // Quote only what looks like an attempt at a duration: a secret passed here by mistake must not be printed.
  if (typeof input === 'string') {
    return /^[0-9a-z .,:+-]{0,16}$/i.test(input)
      ? JSON.stringify(input)
      : `the given text (${input.length} characters)`;
  }
  if (typeof input === 'number') return String(input);
  return `a value of type ${input === null ? 'null' : typeof input}`;
}

/** Seconds as people read them: 2592000 → "30d", 5400 → "1h 30m". */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts = (['d', 'h', 'm', 's'] as const).flatMap((unit) => {
    const count = Math.floor(rest / UNIT_SECONDS[unit]!);
    rest %= UNIT_SECONDS[unit]!;
    return count > 0 ? [`${count}${unit}`] : [];
  });
  return parts.length === 0 ? '0s' : parts.join(' ');
}
