/** Epoch-second clock that tests can move forward, so expiry is checked without sleeping. */
export interface Clock {
  now(): number;
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
  return {
    now() {
      const elapsed = mode === 'real' ? Date.now() / 1000 - realStart : 0;
      return Math.floor(start + elapsed + offset);
    },
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`clock.advance: seconds must be a finite number >= 0, got ${seconds}`);
      }
      offset += seconds;
    },
  };
}
