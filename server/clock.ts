/** Epoch-second clock that tests can move forward, so expiry is checked without sleeping. */
export interface Clock {
  now(): number;
  /**
   * A float timestamp within the current second, never a whole number and later than the previous
   * one: main stores Time.now.to_f, and its v2 answers (and their ordering) show the fraction.
   */
  stamp(): number;
  advance(seconds: number): void;
}

export type ClockMode = 'manual' | 'real';

/**
 * 'manual' stands still until advanced, so a test never sees a TTL tick down between two calls;
 * 'real' follows wall time (plus any advance), which suits the CLI server used by hand.
 */
export function createClock(startTime: number | undefined, mode: ClockMode): Clock {
  const realStart = Date.now() / 1000;
  const start = startTime ?? Math.floor(realStart);
  let offset = 0;
  let last = 0;
  const now = () => {
    const elapsed = mode === 'real' ? Date.now() / 1000 - realStart : 0;
    return Math.floor(start + elapsed + offset);
  };
  return {
    now,
    stamp() {
      const second = now();
      // Real mode shows the wall clock's fraction; manual mode starts each second at a fixed one.
      const fraction = mode === 'real' ? (Date.now() % 1000) / 1000 + 0.0000123 : 0.1234567;
      // 1 µs apart: distinct at epoch magnitudes (doubles resolve ~0.24 µs there), ~876k per second.
      const value = Math.max(second + fraction, last + 0.000001);
      last = Number.isInteger(value) ? value + 0.000001 : value;
      return last;
    },
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`clock.advance: seconds must be a finite number >= 0, got ${seconds}`);
      }
      offset += seconds;
    },
  };
}
