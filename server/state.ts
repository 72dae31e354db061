import type { Account, Accounts, Caller } from './accounts.ts';
import type { Clock } from './clock.ts';
import type { EraRules } from './era.ts';
import { generateShrimp } from './keys.ts';
import type { FailedPassphraseLimiter, PassphraseLockout } from './rate-limit.ts';
import type { Store } from './store.ts';
import { ANONYMOUS_MAX_TTL } from './ttl.ts';

/** What every handler needs: the era's rules, the data, and where the server is reachable. */
export interface ServerState {
  era: EraRules;
  clock: Clock;
  store: Store;
  accounts: Accounts;
  domains: Set<string>;
  failedPassphrases: FailedPassphraseLimiter;
  lockout: PassphraseLockout;
  /** Origin + base path, known once the server listens; the "site host" of links. */
  site: { url: string };
  /** main with billing on (onetimesecret.com): plan TTL limits; off (self-hosted default): fixed ceilings. */
  billing: boolean;
}

export function accountOf(caller: Caller): Account | undefined {
  return caller.kind === 'account' ? caller.account : undefined;
}

export function custidOf(caller: Caller): string {
  return caller.kind === 'account' ? caller.account.username : 'anon';
}

/** main without billing: V1_MAX_TTL (30 days) on v1, MAX_TTL (365 days) on v2, for any account. */
const UNBILLED_MAX_TTL = { v1: 30 * 86_400, v2: 365 * 86_400 };

/**
 * The longest ttl a caller gets. Anonymous callers: 7 days everywhere. Accounts: their plan's limit
 * on v0.23 and on main with billing on (main's v2 would refuse more there; this server clamps, as
 * server/README.md says); main without billing: the fixed ceilings above.
 */
export function maxTtlOf(state: ServerState, caller: Caller, api: 'v1' | 'v2'): number {
  if (caller.kind !== 'account') return ANONYMOUS_MAX_TTL;
  if (state.era.name === 'v0.23' || state.billing) return caller.account.ttlMax;
  return UNBILLED_MAX_TTL[api];
}

/** v0.23's CSRF token: stable for an account's session, new for each anonymous request. */
export function shrimpOf(caller: Caller): string {
  return caller.kind === 'account' ? caller.account.shrimp : generateShrimp();
}

/** Links point at the custom domain over https when the secret was made for one. */
export function siteFor(state: ServerState, shareDomain: string): string {
  return shareDomain === '' ? state.site.url : `https://${shareDomain}`;
}
