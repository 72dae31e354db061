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

/** main: 20 failed attempts on one secret within 10 minutes lock that secret for 30 minutes. */
export class SecretLockout {
  static readonly LIMIT = 20;
  static readonly WINDOW = 10 * 60;
  static readonly LOCKOUT = 30 * 60;
  readonly #failures = new Map<string, number[]>();
  readonly #lockedUntil = new Map<string, number>();
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  locked(secretKey: string): boolean {
    return (this.#lockedUntil.get(secretKey) ?? 0) > this.#clock.now();
  }

  /** Records a failure; true when it locks the secret. */
  fail(secretKey: string): boolean {
    const now = this.#clock.now();
    const recent = (this.#failures.get(secretKey) ?? []).filter((t) => t > now - SecretLockout.WINDOW);
    recent.push(now);
    this.#failures.set(secretKey, recent);
    if (recent.length >= SecretLockout.LIMIT) {
      this.#lockedUntil.set(secretKey, now + SecretLockout.LOCKOUT);
      this.#failures.delete(secretKey);
      return true;
    }
    return false;
  }
}
