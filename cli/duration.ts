// Durations of flags (--timeout 1h, --interval 500ms): core's TTL syntax, plus milliseconds for short pauses.
import { OtsInputError, parseTtl } from '../core/index.ts';

export function parseDurationMs(text: string, flag: string): number {
  const ms = /^\s*(\d+)ms\s*$/i.exec(text);
  if (ms !== null) {
    const value = Number(ms[1]);
    if (value > 0 && Number.isSafeInteger(value)) return value;
    throw new OtsInputError(`${flag}: must be more than 0ms.`, { field: flag });
  }
  return parseTtl(text, flag) * 1000;
}
