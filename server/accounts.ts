import { randomUUID, timingSafeEqual } from 'node:crypto';
import { generateShrimp } from './keys.ts';
import { PLAN_MAX_TTL } from './ttl.ts';

export type AccountPlan = 'basic' | 'identity' | 'paid';

export interface AccountOptions {
  username: string;
  apiToken: string;
  plan?: AccountPlan;
  ttlMax?: number;
}

export interface Account {
  username: string;
  apiToken: string;
  /** main's customer objid (a UUIDv7), which its v2 answers show as owner_id instead of the e-mail. */
  objid: string;
  plan: AccountPlan;
  ttlMax: number;
  created: number;
  /** v0.23 ties the CSRF token to the session, so one account keeps one shrimp. */
  shrimp: string;
  stats: { secretsCreated: number; secretsBurned: number; secretsShared: number; emailsSent: number };
}

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'account'; account: Account }
  /** Credentials were sent but do not match: never downgraded to anonymous. */
  | { kind: 'invalid'; reason: InvalidReason };

/** Why main's Basic auth strategy refused the header (the bracketed code in its 401 message). */
export type InvalidReason = 'AUTH_TYPE_INVALID' | 'CREDENTIALS_INVALID';

function uuidV7Like(): string {
  const id = randomUUID();
  return `${id.slice(0, 14)}7${id.slice(15)}`;
}

export class Accounts {
  readonly #byUsername = new Map<string, Account>();

  constructor(options: AccountOptions[], now: number) {
    for (const o of options) {
      const plan = o.plan ?? 'basic';
      this.#byUsername.set(o.username, {
        username: o.username,
        apiToken: o.apiToken,
        objid: uuidV7Like(),
        plan,
        ttlMax: o.ttlMax ?? PLAN_MAX_TTL[plan],
        created: now,
        shrimp: generateShrimp(),
        stats: { secretsCreated: 0, secretsBurned: 0, secretsShared: 0, emailsSent: 0 },
      });
    }
  }

  get(username: string): Account | undefined {
    return this.#byUsername.get(username);
  }

  /** Resolves the Authorization header. The username lookup is case-sensitive, as on the real server. */
  identify(authorization: string | undefined): Caller {
    if (authorization === undefined || authorization === '') return { kind: 'anonymous' };
    const refused = (reason: InvalidReason): Caller => ({ kind: 'invalid', reason });
    const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1])
      return refused(/^Basic\b/i.test(authorization) ? 'CREDENTIALS_INVALID' : 'AUTH_TYPE_INVALID');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return refused('CREDENTIALS_INVALID');
    const account = this.#byUsername.get(decoded.slice(0, colon));
    if (!account) return refused('CREDENTIALS_INVALID');
    const given = Buffer.from(decoded.slice(colon + 1));
    const expected = Buffer.from(account.apiToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return refused('CREDENTIALS_INVALID');
    }
    return { kind: 'account', account };
  }
}
