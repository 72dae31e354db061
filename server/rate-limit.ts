import type { Clock } from './clock.ts';

/**
 * v0.23: at most 5 failed passphrases per (client IP, custid) in a 20-minute window; the next
 * failure is answered with "rate limited". The secret itself is untouched.
 */
export class FailedPassphraseLimiter {
  static readonly LIMIT = 5;
  static readonly WINDOW = 20 * 60;
  readonly #counts = new Map<string, number>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Records a failure; true when this failure is over the limit. */
  fail(identity: string): boolean {
    const bucket = Math.floor(this.#clock.now() / FailedPassphraseLimiter.WINDOW);
    const key = `${bucket}|${identity}`;
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count > FailedPassphraseLimiter.LIMIT;
  }
}

/**
 * main's PassphraseRateLimiter: failed passphrases are counted per secret (20) and, where the
 * client address is known (API v2), per secret and client (5), each in a window of 10 minutes
 * from the first failure. Reaching a limit locks that tier for 30 minutes: the failure that
 * reaches it is still answered as a wrong passphrase, every attempt after it is refused, even
 * with the right passphrase. A success clears the counters.
 */
export class PassphraseLockout {
  static readonly PER_CLIENT = 5;
  static readonly PER_SECRET = 20;
  static readonly WINDOW = 10 * 60;
  static readonly LOCKOUT = 30 * 60;
  readonly #attempts = new Map<string, { count: number; until: number }>();
  readonly #locks = new Map<string, number>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Seconds until the attempt may be made, or undefined when it may be made now. */
  lockedFor(secretKey: string, client: string | undefined): number | undefined {
    const now = this.#clock.now();
    const waits = this.#tiers(secretKey, client)
      .map(([key]) => (this.#locks.get(key) ?? 0) - now)
      .filter((wait) => wait > 0);
    return waits.length > 0 ? Math.max(...waits) : undefined;
  }

  fail(secretKey: string, client: string | undefined): void {
    const now = this.#clock.now();
    for (const [key, limit] of this.#tiers(secretKey, client)) {
      const current = this.#attempts.get(key);
      const entry =
        current && current.until > now ? current : { count: 0, until: now + PassphraseLockout.WINDOW };
      entry.count++;
      this.#attempts.set(key, entry);
      if (entry.count >= limit) {
        this.#locks.set(key, now + PassphraseLockout.LOCKOUT);
        this.#attempts.delete(key);
      }
    }
  }

  clear(secretKey: string, client: string | undefined): void {
    for (const [key] of this.#tiers(secretKey, client)) {
      this.#attempts.delete(key);
      this.#locks.delete(key);
    }
  }

  #tiers(secretKey: string, client: string | undefined): Array<[string, number]> {
    const tiers: Array<[string, number]> = [[secretKey, PassphraseLockout.PER_SECRET]];
    if (client !== undefined && client !== '')
      tiers.push([`${secretKey}|${client}`, PassphraseLockout.PER_CLIENT]);
    return tiers;
  }
}
